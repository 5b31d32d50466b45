using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// Saving a workflow graph through <c>PUT /api/programmes/{id}/workflow</c>: a definition that could not run is
/// refused with 400, each problem at the node it concerns, and the programme keeps the workflow it had.
/// </summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class GraphDefinitionSaveTests(EmbeddedSiloFixture silo)
{
    private const string Valid = """
        { "start": "district", "nodes": {
          "district": { "kind": "approve", "at": "District", "next": { "approve": "reserve", "return": "closed", "reject": "rejected" } },
          "reserve": { "kind": "reserve", "next": { "done": "pay" } },
          "pay": { "kind": "pay", "next": { "done": "paid" } },
          "paid": { "kind": "end", "result": "paid" },
          "rejected": { "kind": "end", "result": "rejected" },
          "closed": { "kind": "end", "result": "closed" } } }
        """;

    public static TheoryData<string, string, string> Broken => new()
    {
        { "unreachable", Valid.Replace("\"closed\": { \"kind\": \"end\", \"result\": \"closed\" }", "\"closed\": { \"kind\": \"end\", \"result\": \"closed\" }, \"orphan\": { \"kind\": \"end\", \"result\": \"closed\" }", StringComparison.Ordinal), "/nodes/orphan" },
        { "dangling outcome", Valid.Replace("\"done\": \"pay\"", "\"done\": \"nowhere\"", StringComparison.Ordinal), "/nodes/reserve" },
        { "join without fork", Valid.Replace("\"reserve\": { \"kind\": \"reserve\", \"next\": { \"done\": \"pay\" } }", "\"reserve\": { \"kind\": \"reserve\", \"next\": { \"done\": \"meet\" } }, \"meet\": { \"kind\": \"join\", \"fork\": \"reserve\", \"next\": { \"done\": \"pay\" } }", StringComparison.Ordinal), "/nodes/meet" },
        { "pay before reserve", Valid.Replace("\"approve\": \"reserve\"", "\"approve\": \"pay\"", StringComparison.Ordinal), "/nodes/pay" },
        { "unknown kind", Valid.Replace("\"kind\": \"reserve\"", "\"kind\": \"stamp\"", StringComparison.Ordinal), "/nodes/reserve/kind" },
        { "expression that does not parse", Valid.Replace("\"start\": \"district\"", "\"start\": \"large\"", StringComparison.Ordinal).Replace("\"nodes\": {", "\"nodes\": { \"large\": { \"kind\": \"decide\", \"condition\": \"amount > > 5000\", \"next\": { \"yes\": \"district\", \"no\": \"district\" } },", StringComparison.Ordinal), "/nodes/large/condition" },
        { "expression naming an unknown field", Valid.Replace("\"start\": \"district\"", "\"start\": \"large\"", StringComparison.Ordinal).Replace("\"nodes\": {", "\"nodes\": { \"large\": { \"kind\": \"decide\", \"condition\": \"salary > 5000\", \"next\": { \"yes\": \"district\", \"no\": \"district\" } },", StringComparison.Ordinal), "/nodes/large/condition" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_definition_that_could_not_run_is_refused_naming_the_node_and_the_saved_workflow_stays(string what, string definition, string path)
    {
        var scenario = await CaseScenario.Publish(silo, Valid);
        using var saved = await silo.Send("admin", "CN", HttpMethod.Put, $"/api/programmes/{scenario.ProgrammeId}/workflow", definition);
        var problem = await saved.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(saved.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)saved.StatusCode} {problem}");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.True(fields.Any(f => f.StartsWith("definition" + path, StringComparison.Ordinal)), $"{what}: {problem}");
        var current = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/workflow");
        Assert.Equal(1, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_schema_is_the_one_the_activity_registry_generates_and_a_saved_graph_reads_back_with_its_diagram()
    {
        var schema = await silo.Http.GetFromJsonAsync<JsonElement>("/api/programmes/workflow-schema");
        var kinds = schema.GetRawText();
        foreach (var kind in new[] { "approve", "task", "decide", "fork", "join", "timer", "followUps", "notice", "reserve", "release", "pay", "end" })
        {
            Assert.Contains($"\"{kind}\"", kinds, StringComparison.Ordinal);
        }
        var scenario = await CaseScenario.Publish(silo, Valid);
        var workflow = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/workflow");
        Assert.Equal("district", workflow.GetProperty("graph").GetProperty("start").GetString());
        Assert.StartsWith("flowchart TD", workflow.GetProperty("mermaid").GetString(), StringComparison.Ordinal);
    }
}
