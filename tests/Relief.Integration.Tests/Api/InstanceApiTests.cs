using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// The running workflows for ops and the administrator (issue 15): cases found by node, status, subtree, deadline
/// and open incident without opening any case, one case as an instance with the trace of each step, and an
/// incident retried from there.
/// </summary>
public sealed class InstanceApiTests
{
    private const string Jiangsu = "CN-32";

    private static async Task<JsonElement> Get(InProcessHost host, string user, string unit, string path)
    {
        using var response = await host.Send(user, unit, HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: expected 200, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<List<string>> Found(InProcessHost host, CaseScenario scenario, string query, string user = "admin", string unit = "CN") =>
        [.. (await Get(host, user, unit, $"/api/programmes/{scenario.ProgrammeId}/instances?{query}")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("caseId").GetString()!)];

    [Fact]
    public async Task Cases_are_found_by_node_status_subtree_and_deadline_and_ops_see_only_their_own_subtree()
    {
        await using var host = await InProcessHost.Start();
        var scenario = await Publish(host, """{ "route": ["District", "City"], "deadlines": [ { "level": "District", "days": 3 } ] }""");
        var nanshan = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            nanshan.Add(await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber())));
        }
        var xuanwu = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            xuanwu.Add(await scenario.FileOk(XuanwuBranch, Applicant(NewIdNumber())));
        }
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(nanshan[0], Nanshan, "approve"));

        Assert.Equal(nanshan.Skip(1).Concat(xuanwu).Order(), (await Found(host, scenario, "node=district")).Order());
        Assert.Equal([nanshan[0]], await Found(host, scenario, "node=city"));
        Assert.Equal(xuanwu.Order(), (await Found(host, scenario, $"unit={Jiangsu}")).Order());
        Assert.Equal(nanshan.Skip(1).Order(), (await Found(host, scenario, $"unit={Nanshan}&node=district")).Order());
        Assert.Equal(5, (await Get(host, "admin", "CN", $"/api/programmes/{scenario.ProgrammeId}/instances?status=Waiting")).GetProperty("total").GetInt32());
        var row = (await Get(host, "admin", "CN", $"/api/programmes/{scenario.ProgrammeId}/instances?node=city")).GetProperty("items")[0];
        Assert.Equal(NanshanBranch, row.GetProperty("branchCode").GetString());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("branchName").GetString()));
        Assert.Equal(1, row.GetProperty("version").GetInt32());

        // Past the district's three working days, the four cases still waiting there are overdue; the one at the city is not.
        Assert.Empty(await Found(host, scenario, "overdue=true"));
        host.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(nanshan.Skip(1).Concat(xuanwu).Order(), (await Found(host, scenario, "overdue=true")).Order());

        // Ops of Guangdong see Guangdong's cases, not Jiangsu's; an approver reads no instances at all.
        Assert.Equal(nanshan.Order(), (await Found(host, scenario, "", "ops-CN-44", "CN-44")).Order());
        using (var otherProvince = await host.Send("ops-CN-44", "CN-44", HttpMethod.Get, $"/api/programmes/{scenario.ProgrammeId}/instances?unit={Jiangsu}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, otherProvince.StatusCode);
        }
        using (var approver = await host.Send("approver-CN-44", "CN-44", HttpMethod.Get, $"/api/programmes/{scenario.ProgrammeId}/instances"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, approver.StatusCode);
        }
        using (var badStatus = await host.Send("admin", "CN", HttpMethod.Get, $"/api/programmes/{scenario.ProgrammeId}/instances?status=Lost&limit=0"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
            var fields = (await badStatus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
            Assert.Contains("status", fields);
            Assert.Contains("limit", fields);
        }
    }

    [Fact]
    public async Task A_case_whose_notice_could_not_be_sent_is_found_by_its_incident_shows_it_with_its_traces_and_ops_retry_it()
    {
        await using var host = await InProcessHost.Start();
        var scenario = await Publish(host, """{ "route": ["District"], "notice": { "level": "District", "days": 5 } }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));

        // The notice board's store refuses its writes: the approved case cannot be put on the district's list.
        await host.Sql("""
            CREATE TRIGGER refuse_notice_board BEFORE INSERT ON relief_own_state WHEN NEW.grain_id LIKE 'noticeboard/%'
            BEGIN SELECT RAISE(ABORT, 'notice store unavailable'); END;
            """);
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));
        var found = await Eventually.Get(() => Found(host, scenario, "incident=true"), ids => ids.Count == 1, TimeSpan.FromSeconds(30));
        Assert.Equal([caseId], found);

        var instance = await Get(host, "ops-CN-44", "CN-44", $"/api/cases/{caseId}/instance");
        Assert.Contains(instance.GetProperty("incidents").EnumerateArray(), i => i.GetProperty("resolvedAt").ValueKind == JsonValueKind.Null);
        Assert.Contains(instance.GetProperty("pendingEffects").EnumerateArray(), e => e.GetProperty("kind").GetString() == "notice");
        Assert.Equal(["notice"], instance.GetProperty("waits").EnumerateArray().Select(w => w.GetProperty("node").GetString()));
        Assert.Equal("\"archived\"", instance.GetProperty("variables").GetProperty("category").GetString());
        Assert.Equal(1, instance.GetProperty("definitionVersion").GetInt32());
        // Each journalled step names the trace it ran in (32 hex digits), for the tracing UI.
        Assert.All(instance.GetProperty("journal").EnumerateArray(), step => Assert.Matches("^[0-9a-f]{32}$", step.GetProperty("traceId").GetString()!));

        await host.Sql("DROP TRIGGER refuse_notice_board;");
        using (var retried = await host.Send("ops-CN-44", "CN-44", HttpMethod.Post, $"/api/cases/{caseId}/incidents/retry"))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }
        Assert.Empty(await Eventually.Get(() => Found(host, scenario, "incident=true"), ids => ids.Count == 0, TimeSpan.FromSeconds(30)));
        var after = await Get(host, "admin", "CN", $"/api/cases/{caseId}/instance");
        Assert.Empty(after.GetProperty("pendingEffects").EnumerateArray());
        // The board that refused its write did not keep the case in memory only: it is stored, and its list holds the case.
        using (var published = await host.Send($"approver-{Nanshan}", Nanshan, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/notices/publish"))
        {
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
            Assert.Equal(1, (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines").GetInt32());
        }
        using (var clerk = await host.Send($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Get, $"/api/cases/{caseId}/instance"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, clerk.StatusCode);
        }
    }
}
