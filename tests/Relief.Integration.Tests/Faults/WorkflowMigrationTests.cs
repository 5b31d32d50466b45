using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using Relief.Workflows.Definitions.Examples;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// A thousand running cases moved from workflow version 1 to 2 (issue 15), the silo process killed (SIGKILL) in the
/// middle of it: the dry run counts right, the cases waiting where version 2 has nothing and the map names nothing
/// are refused and left as they were, every migrated case is journalled once, no step it had done is done again,
/// and after the restart the migration finishes without doing any case twice.
/// </summary>
public sealed class WorkflowMigrationTests
{
    private const int Cases = 1_000;
    private const int AtTheCity = 200;

    [Fact]
    public async Task A_thousand_cases_are_migrated_through_a_kill_each_once_and_those_at_an_unmapped_node_are_left_as_they_were()
    {
        await using var silo = await RestartableSilo.Start();
        var ladder = ShippedDefinitions.Text("standard-ladder")!;
        var scenario = await Publish(silo, ladder);
        var caseIds = await FileCases(silo, scenario);
        var toCity = caseIds.Take(AtTheCity).ToList();
        using (var decided = await silo.Send($"approver-{Nanshan}", Nanshan, HttpMethod.Post, "/api/cases/decisions",
            new { decision = "approve", cases = toCity.Select(id => new { id }) }))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }
        Assert.Equal(AtTheCity, (await scenario.Quota(Nanshan)).GetProperty("used").GetInt32());

        // Version 2 renames the district's step and the city's: the map moves the district's cases, and names nothing for the city's.
        var v2 = ladder.Replace("\"district\"", "\"districtReview\"", StringComparison.Ordinal).Replace("\"city\"", "\"cityApproval\"", StringComparison.Ordinal);
        using (var saved = await silo.Send("admin", "CN", HttpMethod.Put, $"/api/programmes/{scenario.ProgrammeId}/workflow", v2))
        {
            Assert.Equal(2, (await Read(HttpStatusCode.OK, saved)).GetProperty("version").GetInt32());
        }
        var order = new { fromVersion = 1, toVersion = 2, nodeMap = new Dictionary<string, string> { ["district"] = "districtReview" }, reason = "2027年流程调整：区县审核更名" };

        var dry = await Read(HttpStatusCode.OK, await silo.Send("admin", "CN", HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/migrations", new
        {
            order.fromVersion, order.toVersion, order.nodeMap, order.reason, dryRun = true,
        }));
        Assert.Equal(Cases, dry.GetProperty("total").GetInt32());
        Assert.Equal(Cases - AtTheCity, dry.GetProperty("migrating").GetInt32());
        Assert.Equal(AtTheCity, dry.GetProperty("refused").GetInt32());
        Assert.Equal(Cases - AtTheCity, dry.GetProperty("landings").GetProperty("district → districtReview").GetInt32());
        var refusedInDryRun = dry.GetProperty("cases").EnumerateArray().Where(c => c.GetProperty("refused").GetBoolean()).ToList();
        Assert.Equal(toCity.Order(), refusedInDryRun.Select(c => c.GetProperty("caseId").GetString()!).Order());
        Assert.Contains("city", refusedInDryRun[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        // The dry run wrote nothing: the first case still runs version 1.
        Assert.Equal(1, (await scenario.Case(caseIds[^1])).GetProperty("definitionVersion").GetInt32());

        var started = await Read(HttpStatusCode.Accepted, await silo.Send("admin", "CN", HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/migrations", order));
        var progressPath = $"/api/programmes/{scenario.ProgrammeId}/migrations/{started.GetProperty("migrationId").GetString()}";
        Assert.Equal(Cases, started.GetProperty("total").GetInt32());

        // Killed once some batches are done and before the last.
        var midway = await Eventually.Get(() => Progress(silo, progressPath), p => p.GetProperty("migrated").GetInt32() >= 150, TimeSpan.FromSeconds(120));
        Assert.True(midway.GetProperty("migrated").GetInt32() >= 150, $"the migration did not get going: {midway}\n{silo.Output[^Math.Min(silo.Output.Length, 6000)..]}");
        await silo.KillAndRestart();
        Assert.Equal("Running", midway.GetProperty("status").GetString());
        Assert.True(midway.GetProperty("migrated").GetInt32() < Cases - AtTheCity, $"the migration finished before the kill: {midway}");

        var done = await Eventually.Get(() => Progress(silo, progressPath), p => p.GetProperty("status").GetString() == "Completed", TimeSpan.FromSeconds(180));
        Assert.True(done.GetProperty("status").GetString() == "Completed",
            $"the migration did not finish after the restart: {done}\n{silo.Output[^Math.Min(silo.Output.Length, 6000)..]}");
        Assert.Equal(Cases - AtTheCity, done.GetProperty("migrated").GetInt32());
        Assert.Equal(AtTheCity, done.GetProperty("refused").GetInt32());
        Assert.Equal(0, done.GetProperty("skipped").GetInt32());
        Assert.Equal(toCity.Order(), done.GetProperty("refusals").EnumerateArray().Select(r => r.GetProperty("caseId").GetString()!).Order());

        foreach (var id in caseIds)
        {
            var view = await scenario.Case(id);
            var steps = view.GetProperty("journal").EnumerateArray().Select(e => e.GetProperty("step").GetString()).ToList();
            if (toCity.Contains(id))
            {
                Assert.Equal(1, view.GetProperty("definitionVersion").GetInt32());
                Assert.Equal(["file", "approve@District"], steps);
                Assert.Equal(Shenzhen, view.GetProperty("waitingAt").GetString());
            }
            else
            {
                Assert.Equal(2, view.GetProperty("definitionVersion").GetInt32());
                Assert.Equal(["file", "migrate"], steps);
                Assert.Equal("districtReview", Assert.Single(view.GetProperty("tasks").EnumerateArray()).GetProperty("node").GetString());
            }
        }
        // Nothing was done again: no place was taken a second time, and a migrated case goes on in version 2.
        Assert.Equal(AtTheCity, (await scenario.Quota(Nanshan)).GetProperty("used").GetInt32());
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseIds[^1], Nanshan, "approve"));
        Assert.Equal("cityApproval", Assert.Single((await scenario.Case(caseIds[^1])).GetProperty("tasks").EnumerateArray()).GetProperty("node").GetString());
        var instances = await Read(HttpStatusCode.OK, await silo.Send("admin", "CN", HttpMethod.Get,
            $"/api/programmes/{scenario.ProgrammeId}/instances?version=2&node=districtReview&limit=1"));
        Assert.Equal(Cases - AtTheCity - 1, instances.GetProperty("total").GetInt32());
    }

    private static async Task<JsonElement> Progress(RestartableSilo silo, string path)
    {
        using var response = await silo.Send("admin", "CN", HttpMethod.Get, path);
        return await Read(HttpStatusCode.OK, response);
    }

    /// <summary>A thousand applicants filed at the Nanshan branch from two spreadsheets.</summary>
    private static async Task<List<string>> FileCases(RestartableSilo silo, CaseScenario scenario)
    {
        var ids = new List<string>();
        for (var sheet = 0; sheet < 2; sheet++)
        {
            var csv = new StringBuilder("name,idNumber,householdSize,monthlyIncomePerHead,category,reason\n");
            for (var i = 0; i < Cases / 2; i++)
            {
                csv.Append("张建明,").Append(NewIdNumber()).Append(",3,900.00,archived,家庭成员重病\n");
            }
            using var request = EmbeddedSiloFixture.As($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/cases/batch");
            request.Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
            using var response = await silo.Send(request);
            var filed = await Read(HttpStatusCode.OK, response);
            ids.AddRange(filed.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("caseId").GetString()!));
        }
        Assert.Equal(Cases, ids.Distinct().Count());
        return ids;
    }

    private static async Task<JsonElement> Read(HttpStatusCode status, HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text[..Math.Min(text.Length, 2000)]}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
