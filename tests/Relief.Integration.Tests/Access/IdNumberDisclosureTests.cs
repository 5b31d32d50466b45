using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Access;

/// <summary>A case's ID number is shown whole only to those whose work needs it.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class IdNumberDisclosureTests(EmbeddedSiloFixture silo)
{
    [Fact]
    public async Task The_branch_clerk_finance_and_auditors_see_the_id_number_and_approvers_see_it_masked()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""");
        var person = NewIdNumber();
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(person));

        async Task<string> IdNumberAs(string user, string unit)
        {
            using var response = await silo.Send(user, unit, HttpMethod.Get, $"/api/cases/{caseId}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicant").GetProperty("idNumber").GetString()!;
        }

        Assert.Equal(person, await IdNumberAs($"clerk-{NanshanBranch}", NanshanBranch));
        Assert.Equal(person, await IdNumberAs($"finance-{NanshanBranch}", NanshanBranch));
        Assert.Equal(person, await IdNumberAs($"auditor-{Nanshan}", Nanshan));
        Assert.Equal($"{person[..6]}********{person[14..]}", await IdNumberAs($"approver-{Nanshan}", Nanshan));
        Assert.Equal($"{person[..6]}********{person[14..]}", await IdNumberAs($"finance-{Nanshan}", Nanshan));
    }
}
