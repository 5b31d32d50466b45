using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>An approver's queue: oldest first, filtered, paged, and decided in bulk.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class CaseQueueTests(EmbeddedSiloFixture silo)
{
    [Fact]
    public async Task The_queue_pages_oldest_first_and_filters_by_category_and_branch()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""");
        var filed = new List<string>();
        foreach (var category in new[] { "archived", "migrant", "archived", "front-line", "archived" })
        {
            filed.Add(await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber(), category)));
        }
        var other = await scenario.FileOk("CN-44-03-05-0002", Applicant(NewIdNumber()));

        var firstPage = await scenario.Queue(Nanshan, "&limit=2");
        var secondPage = await scenario.Queue(Nanshan, "&limit=2&offset=2");
        var archived = await scenario.Queue(Nanshan, "&category=archived");
        var fromOtherBranch = await scenario.Queue(Nanshan, "&branch=CN-44-03-05-0002");
        using var badFilter = await silo.Silo.Http.GetAsync($"/api/orgunits/{Nanshan}/queue?programme={scenario.ProgrammeId}&branch=CN-44&limit=0");

        static List<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("caseId").GetString()!).ToList();
        Assert.Equal(6, firstPage.GetProperty("total").GetInt32());
        Assert.Equal(filed.Take(4), Ids(firstPage).Concat(Ids(secondPage)));
        Assert.Equal([filed[0], filed[2], filed[4], other], Ids(archived));
        Assert.Equal([other], Ids(fromOtherBranch));
        Assert.Equal("张*明", firstPage.GetProperty("items")[0].GetProperty("maskedName").GetString());
        Assert.Equal("1500.00", firstPage.GetProperty("items")[0].GetProperty("amount").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        var errors = (await badFilter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("branch", out _) && errors.TryGetProperty("limit", out _), errors.ToString());
    }

    [Fact]
    public async Task A_bulk_decision_answers_for_each_case()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District", "City"] }""");
        var fresh = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        var stale = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        var elsewhere = await scenario.FileOk(XuanwuBranch, Applicant(NewIdNumber()));

        using var response = await silo.Send($"approver-{Nanshan}", Nanshan, HttpMethod.Post, "/api/cases/decisions", new
        {
            decision = "approve",
            cases = new object[] { new { id = fresh }, new { id = stale, version = 42 }, new { id = elsewhere } },
        });
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetInt32());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, results[fresh]);
        Assert.Equal(409, results[stale]);
        Assert.Equal(404, results[elsewhere]); // another province's case: outside the caller's subtree
        Assert.Equal(Shenzhen, (await scenario.Case(fresh)).GetProperty("waitingAt").GetString());
        Assert.Equal(Nanshan, (await scenario.Case(stale)).GetProperty("waitingAt").GetString());
    }

    [Fact]
    public async Task Queue_lines_carry_their_deadline_and_the_parent_reads_its_escalations()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"], "deadlines": [ { "level": "District", "days": 3 } ] }""");
        var filed = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));

        var line = (await scenario.Queue(Nanshan)).GetProperty("items").EnumerateArray().Single(e => e.GetProperty("caseId").GetString() == filed);
        var overdue = await scenario.Queue(Nanshan, "&overdue=true");
        var escalations = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/orgunits/{Shenzhen}/escalations?programme={scenario.ProgrammeId}");
        using var unnamed = await silo.Silo.Http.GetAsync($"/api/orgunits/{Shenzhen}/escalations");

        Assert.True(line.GetProperty("dueAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(3));
        Assert.False(line.GetProperty("overdue").GetBoolean());
        Assert.True(line.GetProperty("escalatesAt").GetDateTimeOffset() > line.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(0, overdue.GetProperty("total").GetInt32());
        Assert.Equal(0, escalations.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.True((await unnamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("programme", out _));
    }
}
