using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Api.Acting;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Access;

/// <summary>Four eyes on every case: who filed, approved or paid it may not also do the next step.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class MakerCheckerTests(EmbeddedSiloFixture silo)
{
    [Fact]
    public async Task The_clerk_who_filed_a_case_cannot_approve_it_even_holding_the_approver_role()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch"] }""");
        var both = TestTokens.For("zhang.both", NanshanBranch, ReliefRole.Clerk, ReliefRole.Approver);
        using var filed = await Send(both, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/cases", Applicant(NewIdNumber()));
        var caseId = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        using var own = await Send(both, HttpMethod.Post, $"/api/cases/{caseId}/decisions", new { decision = "approve" });
        using var other = await scenario.Decide(caseId, NanshanBranch, "approve");

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("filed this case", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Nobody_approves_one_case_at_two_levels()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch", "District"] }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        // The same person, first at the branch, then (moved up) at the district.
        using var atBranch = await Send(TestTokens.For("li.moved", NanshanBranch, ReliefRole.Approver), HttpMethod.Post,
            $"/api/cases/{caseId}/decisions", new { decision = "approve" });
        using var atDistrict = await Send(TestTokens.For("li.moved", Nanshan, ReliefRole.Approver), HttpMethod.Post,
            $"/api/cases/{caseId}/decisions", new { decision = "approve" });

        Assert.Equal(HttpStatusCode.OK, atBranch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, atDistrict.StatusCode);
        Assert.Equal(Nanshan, (await scenario.Case(caseId)).GetProperty("waitingAt").GetString());
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));
    }

    [Fact]
    public async Task The_approver_of_a_case_neither_pays_it_nor_resolves_an_objection_against_it()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5 } }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        var approverAndFinance = TestTokens.For("wang.two-hats", NanshanBranch, ReliefRole.Approver, ReliefRole.Finance);
        await scenario.Expect(HttpStatusCode.OK, await Send(approverAndFinance, HttpMethod.Post, $"/api/cases/{caseId}/decisions", new { decision = "approve" }));
        using var published = await silo.Send($"approver-{NanshanBranch}", NanshanBranch, HttpMethod.Post,
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/notices/publish");
        var listId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetString();
        using var objection = await silo.Silo.Anonymous.PostAsJsonAsync($"/api/public/notices/{listId}/objections",
            new { line = 1, reason = "家中有车有房", channel = "Hotline" });
        var objectionId = (await objection.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("objectionId").GetString();
        var resolution = $"/api/notices/{listId}/objections/{objectionId}/resolution";

        using var byApprover = await Send(approverAndFinance, HttpMethod.Post, resolution, new { upheld = false, reason = "经核实不实" });
        using var byColleague = await silo.Send($"approver-{NanshanBranch}", NanshanBranch, HttpMethod.Post, resolution, new { upheld = false, reason = "经核实不实" });
        using var payByApprover = await Send(approverAndFinance, HttpMethod.Post, $"/api/cases/{caseId}/payment", new { method = "Cash", reference = "R1" });

        Assert.Equal(HttpStatusCode.Forbidden, byApprover.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byColleague.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, payByApprover.StatusCode);
        Assert.Equal("Noticed", (await scenario.Case(caseId)).GetProperty("status").GetString());
    }

    private async Task<HttpResponseMessage> Send(string token, HttpMethod method, string path, object body)
    {
        using var request = EmbeddedSiloFixture.WithToken(token, method, path, body);
        return await silo.Silo.Http.SendAsync(request);
    }
}
