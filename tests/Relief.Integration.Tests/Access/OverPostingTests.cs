using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Access;

/// <summary>Fields a caller may not set (ids, status, branch, amounts after approval) never bind from a body.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class OverPostingTests(EmbeddedSiloFixture silo)
{
    [Fact]
    public async Task A_filing_cannot_choose_its_id_status_branch_or_programme()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""");
        var chosenId = Guid.NewGuid().ToString();
        var body = JsonSerializer.SerializeToNode(Applicant(NewIdNumber()))!.AsObject();
        body["id"] = chosenId;
        body["status"] = "Paid";
        body["branchCode"] = XuanwuBranch;
        body["programmeId"] = Guid.NewGuid().ToString();
        body["version"] = 42;

        var caseId = await scenario.FileOk(NanshanBranch, body);
        var filed = await scenario.Case(caseId);

        Assert.NotEqual(chosenId, caseId);
        Assert.Equal("Waiting", filed.GetProperty("status").GetString());
        Assert.Equal(NanshanBranch, filed.GetProperty("branchCode").GetString());
        Assert.Equal(scenario.ProgrammeId, filed.GetProperty("programmeId").GetString());
        Assert.Equal(1, filed.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_decision_or_a_payment_cannot_set_the_status_the_place_or_the_amount()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District", "City"] }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));

        using var decided = await silo.Send($"approver-{Nanshan}", Nanshan, HttpMethod.Post, $"/api/cases/{caseId}/decisions",
            new { decision = "approve", status = "Approved", waitingAt = "CN", step = 5, amount = "99999.00" });
        var afterDecision = await scenario.Case(caseId);
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Shenzhen, "approve"));
        using var paid = await silo.Send($"finance-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/cases/{caseId}/payment",
            new { method = "Cash", reference = "R-over", amount = "99999.00", status = "Paid" });
        var account = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/account");

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("Waiting", afterDecision.GetProperty("status").GetString());
        Assert.Equal(Shenzhen, afterDecision.GetProperty("waitingAt").GetString());
        Assert.Equal("1500.00", afterDecision.GetProperty("amount").GetString());
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("1500.00", account.GetProperty("totals").GetProperty("paid").GetString());
    }

    [Fact]
    public async Task A_revision_cannot_publish_a_draft_programme()
    {
        var terms = JsonSerializer.SerializeToNode(ProgrammeSamples.Terms($"草稿 {Guid.NewGuid():N}"))!.AsObject();
        using var created = await silo.Send("admin", "CN", HttpMethod.Post, "/api/programmes", terms);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        terms["status"] = "Published";
        terms["id"] = Guid.NewGuid().ToString();

        using var revised = await silo.Send("admin", "CN", HttpMethod.Put, $"/api/programmes/{id}", terms);
        var programme = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{id}");

        Assert.True(revised.IsSuccessStatusCode, await revised.Content.ReadAsStringAsync());
        Assert.Equal("Draft", programme.GetProperty("status").GetString());
        Assert.Equal(id, programme.GetProperty("id").GetString());
    }
}
