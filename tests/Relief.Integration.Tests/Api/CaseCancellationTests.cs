using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// A running case cancelled by the national administrator (issue 15): it ends rejected wherever it stands, gives back
/// its quota places and its reserved money (the books still reconcile), and its journal says who and why.
/// </summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class CaseCancellationTests(EmbeddedSiloFixture silo)
{
    private const string Guangdong = "CN-44";
    private const string Reason = "经核实已在医疗救助项目中获助，重复申报";

    private Task<HttpResponseMessage> Cancel(string caseId, object body, string user = "admin", string unit = "CN") =>
        silo.Send(user, unit, HttpMethod.Post, $"/api/cases/{caseId}/cancel", body);

    private Task<JsonElement> Account(CaseScenario scenario, string unit) =>
        silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{unit}/account");

    [Fact]
    public async Task An_approved_case_cancelled_with_a_reason_gives_back_its_places_and_money_and_is_journalled()
    {
        var scenario = await Publish(silo, """{ "route": ["District", "City", "Provincial"] }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        foreach (var unit in new[] { Nanshan, Shenzhen, Guangdong })
        {
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, unit, "approve"));
        }
        var approved = await scenario.Case(caseId);
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        var amount = approved.GetProperty("amount").GetString();
        Assert.Equal(amount, (await Account(scenario, NanshanBranch)).GetProperty("totals").GetProperty("reserved").GetString());
        Assert.Equal(1, (await scenario.Quota(Guangdong)).GetProperty("used").GetInt32());

        // Only the national administrator cancels, and only with a reason.
        using (var byApprover = await Cancel(caseId, new { reason = Reason }, "approver-CN-44", Guangdong))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byApprover.StatusCode);
        }
        using (var noReason = await Cancel(caseId, new { reason = "  " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("reason", (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
        Assert.Equal(approved.GetProperty("version").GetInt32(), (await scenario.Case(caseId)).GetProperty("version").GetInt32());

        using (var cancelled = await Cancel(caseId, new { reason = Reason }))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }
        var after = await scenario.Case(caseId);
        Assert.Equal("Rejected", after.GetProperty("status").GetString());
        var journal = after.GetProperty("journal").EnumerateArray().ToList();
        var cancel = Assert.Single(journal, e => e.GetProperty("step").GetString() == "cancel");
        Assert.Equal("admin", cancel.GetProperty("actor").GetString());
        Assert.Equal("CN", cancel.GetProperty("unit").GetString());
        Assert.Contains(Reason, cancel.GetProperty("comment").GetString(), StringComparison.Ordinal);
        // The payment it waited for is closed by the cancellation, after it, and says why.
        var closed = journal[(journal.IndexOf(cancel) + 1)..];
        Assert.All(closed, e => Assert.StartsWith("closed@", e.GetProperty("step").GetString(), StringComparison.Ordinal));
        foreach (var unit in new[] { Nanshan, Shenzhen, Guangdong })
        {
            Assert.Equal(0, (await scenario.Quota(unit)).GetProperty("used").GetInt32());
        }
        Assert.Equal("0.00", (await Account(scenario, NanshanBranch)).GetProperty("totals").GetProperty("reserved").GetString());
        foreach (var unit in new[] { NanshanBranch, Nanshan, Shenzhen, Guangdong, "CN" })
        {
            var statement = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{unit}/statement");
            Assert.True(statement.GetProperty("reconciles").GetBoolean(), $"{unit}: {statement}");
        }

        // Cancelled already: a case that is not running is refused, and nothing changes.
        using (var again = await Cancel(caseId, new { reason = Reason }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        Assert.Equal(after.GetProperty("version").GetInt32(), (await scenario.Case(caseId)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_case_waiting_for_its_first_decision_cancelled_leaves_the_inbox_it_waited_in()
    {
        var scenario = await Publish(silo, """{ "route": ["District", "City"] }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        Assert.Contains((await scenario.Queue(Nanshan)).GetProperty("items").EnumerateArray(), i => i.GetProperty("caseId").GetString() == caseId);

        using (var cancelled = await Cancel(caseId, new { reason = Reason }))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        Assert.Equal("Rejected", (await scenario.Case(caseId)).GetProperty("status").GetString());
        Assert.DoesNotContain((await scenario.Queue(Nanshan)).GetProperty("items").EnumerateArray(), i => i.GetProperty("caseId").GetString() == caseId);
        Assert.Equal(0, (await scenario.Quota(Nanshan)).GetProperty("used").GetInt32());
        using var unknown = await Cancel(Guid.NewGuid().ToString(), new { reason = Reason });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
