using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using Relief.Workflows.Definitions.Examples;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// A running case altered by the national administrator (issue 15), each time with a reason in its journal: an open
/// task given to another unit of the case's way up, a waiting case moved back to an earlier step. Bad input is
/// refused naming the field and changes nothing.
/// </summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class CaseAlterationTests(EmbeddedSiloFixture silo)
{
    private static readonly string[] UnknownRoles = ["boss"];

    private static async Task<JsonElement> Read(HttpStatusCode status, HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private static JsonElement Task(JsonElement view) => Assert.Single(view.GetProperty("tasks").EnumerateArray());

    [Fact]
    public async Task A_district_task_given_to_the_city_is_decided_there_and_no_longer_by_the_district()
    {
        var scenario = await Publish(silo, ShippedDefinitions.Text("standard-ladder")!);
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        var taskId = Task(await scenario.Case(caseId)).GetProperty("taskId").GetString();
        var path = $"/api/tasks/{taskId}/reassign";
        var before = (await scenario.Case(caseId)).GetProperty("version").GetInt32();

        var outside = await Read(HttpStatusCode.BadRequest, await silo.Send("admin", "CN", HttpMethod.Post, path, new { unitCode = "CN-32-01", reason = "区总工会系统停机" }));
        Assert.True(outside.GetProperty("errors").TryGetProperty("unitCode", out _), outside.ToString());
        var noReason = await Read(HttpStatusCode.BadRequest, await silo.Send("admin", "CN", HttpMethod.Post, path, new { unitCode = Shenzhen, roles = UnknownRoles }));
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _), noReason.ToString());
        Assert.True(noReason.GetProperty("errors").TryGetProperty("roles", out _), noReason.ToString());
        await Read(HttpStatusCode.Forbidden, await silo.Send("approver-CN-44", "CN-44", HttpMethod.Post, path, new { unitCode = Shenzhen, reason = "x" }));
        Assert.Equal(before, (await scenario.Case(caseId)).GetProperty("version").GetInt32());

        await Read(HttpStatusCode.OK, await silo.Send("admin", "CN", HttpMethod.Post, path, new { unitCode = Shenzhen, reason = "区总工会系统停机，由市总代为审批" }));

        var reassigned = await scenario.Case(caseId);
        Assert.Equal(Shenzhen, Task(reassigned).GetProperty("unitCode").GetString());
        Assert.Equal(taskId, Task(reassigned).GetProperty("taskId").GetString());
        var entry = Assert.Single(reassigned.GetProperty("journal").EnumerateArray(), e => e.GetProperty("step").GetString() == "reassign");
        Assert.Contains("区总工会系统停机", entry.GetProperty("comment").GetString(), StringComparison.Ordinal);
        Assert.Equal("admin", entry.GetProperty("actor").GetString());
        await Read(HttpStatusCode.Forbidden, await scenario.Decide(caseId, Nanshan, "approve"));
        Assert.Equal(1, (await scenario.Queue(Shenzhen)).GetProperty("total").GetInt32());
        Assert.Equal(0, (await scenario.Queue(Nanshan)).GetProperty("total").GetInt32());
        using (var decided = await silo.Send($"approver-{Shenzhen}", Shenzhen, HttpMethod.Post, $"/api/tasks/{taskId}/complete", new { outcome = "approve" }))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }
        Assert.Equal("city", Task(await scenario.Case(caseId)).GetProperty("node").GetString());
    }

    [Fact]
    public async Task A_case_waiting_at_the_city_is_moved_back_to_the_district_with_a_reason_and_not_onto_a_step_that_does_not_wait()
    {
        var scenario = await Publish(silo, ShippedDefinitions.Text("standard-ladder")!);
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));
        var path = $"/api/cases/{caseId}/move";

        var toReserve = await Read(HttpStatusCode.BadRequest, await silo.Send("admin", "CN", HttpMethod.Post, path, new { to = "reserve", reason = "x" }));
        Assert.True(toReserve.GetProperty("errors").TryGetProperty("to", out _), toReserve.ToString());
        var unknown = await Read(HttpStatusCode.BadRequest, await silo.Send("admin", "CN", HttpMethod.Post, path, new { to = "nowhere" }));
        Assert.True(unknown.GetProperty("errors").TryGetProperty("reason", out _), unknown.ToString());
        await Read(HttpStatusCode.Forbidden, await silo.Send($"approver-{Shenzhen}", Shenzhen, HttpMethod.Post, path, new { to = "district", reason = "x" }));
        Assert.Equal("city", Task(await scenario.Case(caseId)).GetProperty("node").GetString());

        await Read(HttpStatusCode.OK, await silo.Send("admin", "CN", HttpMethod.Post, path, new { to = "district", reason = "区县审批意见有误，退回重审" }));

        var moved = await scenario.Case(caseId);
        Assert.Equal("district", Task(moved).GetProperty("node").GetString());
        Assert.Equal(Nanshan, moved.GetProperty("waitingAt").GetString());
        var entry = Assert.Single(moved.GetProperty("journal").EnumerateArray(), e => e.GetProperty("step").GetString() == "move");
        Assert.Contains("退回重审", entry.GetProperty("comment").GetString(), StringComparison.Ordinal);
        // The district decides again; its place is the one it took the first time, not a second.
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));
        Assert.Equal(1, (await scenario.Quota(Nanshan)).GetProperty("used").GetInt32());
    }
}
