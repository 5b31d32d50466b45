using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using Relief.Workflows.Definitions.Examples;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// What the designer asks the server (issue 15): the kinds of node with their settings, and a definition being built
/// checked as saving would — each problem with its node, each node's outcomes even while the whole is not yet valid,
/// the diagram of what is wired — without saving anything.
/// </summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class WorkflowDesignApiTests(EmbeddedSiloFixture silo)
{
    private async Task<JsonElement> Check(CaseScenario scenario, string json)
    {
        using var response = await silo.Send("admin", "CN", HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/workflow/check", json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task The_kinds_of_node_come_with_their_settings_and_which_are_required()
    {
        var kinds = await silo.Silo.Http.GetFromJsonAsync<JsonElement>("/api/programmes/workflow-kinds");
        var approve = Assert.Single(kinds.EnumerateArray(), k => k.GetProperty("name").GetString() == "approve");
        Assert.True(approve.GetProperty("waits").GetBoolean());
        Assert.Equal(["at"], approve.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("object", approve.GetProperty("settings").GetProperty("quorum").GetProperty("type").GetString());
        Assert.Contains(kinds.EnumerateArray(), k => k.GetProperty("name").GetString() == "followUps");
    }

    [Fact]
    public async Task A_definition_half_built_gets_its_problems_by_node_the_outcomes_to_wire_and_a_diagram_and_nothing_is_saved()
    {
        var scenario = await Publish(silo, ShippedDefinitions.Text("standard-ladder")!);
        var half = """
            { "start": "district", "nodes": {
                "district": { "kind": "approve", "at": "District", "due": { "workingDays": 3 }, "next": { "approve": "paid" } },
                "visit": { "kind": "task", "at": "Branch", "outcomes": ["visited", "notHome"] },
                "paid": { "kind": "end", "result": "paid" } } }
            """;

        var check = await Check(scenario, half);

        Assert.False(check.GetProperty("valid").GetBoolean());
        Assert.Contains(check.GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("node").GetString() == "district" && p.GetProperty("reason").GetString()!.Contains("'return'", StringComparison.Ordinal));
        Assert.Equal(["approve", "return", "reject", "timeout"], check.GetProperty("outcomes").GetProperty("district").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(["visited", "notHome"], check.GetProperty("outcomes").GetProperty("visit").EnumerateArray().Select(o => o.GetString()));
        Assert.Contains("district -- ", check.GetProperty("mermaid").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/workflow")).GetProperty("version").GetInt32());

        var whole = await Check(scenario, ShippedDefinitions.Text("hardship-grant")!);
        Assert.True(whole.GetProperty("valid").GetBoolean(), whole.ToString());
        var notJson = await Check(scenario, "{ \"start\": ");
        Assert.False(notJson.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, notJson.GetProperty("mermaid").ValueKind);
    }

    [Fact]
    public async Task A_draft_is_kept_with_its_problems_runs_no_case_and_once_published_is_the_next_version()
    {
        var scenario = await Publish(silo, ShippedDefinitions.Text("standard-ladder")!);
        var path = $"/api/programmes/{scenario.ProgrammeId}/workflow/draft";
        const string Unfinished = """{ "start": "district", "nodes": { "district": { "kind": "approve", "at": "District" } } }""";

        using (var saved = await silo.Send("admin", "CN", HttpMethod.Put, path, Unfinished))
        {
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }
        var draft = await silo.Send("admin", "CN", HttpMethod.Get, path);
        Assert.Equal("admin@CN", (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("savedBy").GetString());
        Assert.Equal(1, (await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/workflow")).GetProperty("version").GetInt32());

        // Published with its problems, it is refused naming them, and stays a draft.
        using (var refused = await silo.Send("admin", "CN", HttpMethod.Post, $"{path}/publish"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("definition/nodes/district", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var notAnObject = await silo.Send("admin", "CN", HttpMethod.Put, path, "[1, 2]"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        }
        using (var whole = await silo.Send("admin", "CN", HttpMethod.Put, path, ShippedDefinitions.Text("hardship-grant")))
        {
            Assert.Equal(HttpStatusCode.NoContent, whole.StatusCode);
        }
        using (var published = await silo.Send("admin", "CN", HttpMethod.Post, $"{path}/publish"))
        {
            Assert.Equal(2, (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        }
        using (var gone = await silo.Send("admin", "CN", HttpMethod.Get, path))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        Assert.Equal("visit", (await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/workflow")).GetProperty("graph").GetProperty("start").GetString());
    }
}
