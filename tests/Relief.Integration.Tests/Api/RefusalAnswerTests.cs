using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>The status a refusal carries says the same thing on every route: 403 for another unit's work, 404 for what does not exist.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class RefusalAnswerTests(EmbeddedSiloFixture silo)
{
    [Fact]
    public async Task A_case_waiting_at_the_district_is_refused_to_the_branch_approver_with_403_on_the_bulk_route_as_on_the_single_one()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch", "District"] }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, NanshanBranch, "approve"));

        using var single = await scenario.Decide(caseId, NanshanBranch, "approve");
        using var bulk = await silo.Send($"approver-{NanshanBranch}", NanshanBranch, HttpMethod.Post, "/api/cases/decisions",
            new { decision = "approve", cases = new[] { new { id = caseId } } });

        Assert.Equal(HttpStatusCode.Forbidden, single.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        var result = Assert.Single((await bulk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray());
        Assert.Equal(403, result.GetProperty("status").GetInt32());
        Assert.Contains(Nanshan, result.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(Nanshan, (await scenario.Case(caseId)).GetProperty("waitingAt").GetString());
    }

    [Theory]
    [InlineData("CN-99")]
    [InlineData("CN-44-99")]
    [InlineData("CN-44-03-05-9999")]
    public async Task A_grant_to_a_unit_that_does_not_exist_is_404_not_403(string unit)
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch"] }""", fund: false);

        using var response = await silo.Send("finance-CN", "CN", HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/{unit}/grants",
            new { source = "NationalAllocation", amount = "100.00" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(unit, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grant_under_a_programme_that_does_not_exist_is_404_not_403()
    {
        using var response = await silo.Send("finance-CN", "CN", HttpMethod.Post, $"/api/programmes/{Guid.NewGuid()}/orgunits/{Nanshan}/grants",
            new { source = "NationalAllocation", amount = "100.00" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
