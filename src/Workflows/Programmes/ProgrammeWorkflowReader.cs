using System.Text.Json;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Programmes;

/// <summary>
/// Reads a workflow as an administrator saves it: a graph of nodes (<c>{"start": …, "nodes": {…}}</c>), or
/// today's compact form (<c>route</c>, <c>rules</c>, <c>notice</c>, <c>deadlines</c>), which is expanded into the
/// graph the cases run. Either way the graph is checked by the engine's reader, so both forms meet one standard.
/// </summary>
public static class ProgrammeWorkflowReader
{
    private static readonly EngineDefinitionReader Graphs = new(ActivityRegistry.Default);

    public sealed record Read(WorkflowDefinition? Compact, string? Graph, IReadOnlyList<DefinitionProblem> Problems);

    public static Read From(string json, IReadOnlyCollection<string> categories)
    {
        if (IsGraph(json))
        {
            var (graph, problems) = Graphs.Read(json, categories);
            if (graph is { Subject: not WorkflowSubject.Case })
            {
                // A programme's workflow runs its cases; an allocation plan's workflow is shipped, not a programme's.
                return new Read(null, null, [new DefinitionProblem("/subject", $"a programme's workflow runs its cases: its subject is '{WorkflowSubjects.CaseName}'")]);
            }
            return new Read(null, graph is null ? null : json, problems);
        }
        var (compact, compactProblems) = WorkflowDefinitionReader.Read(json, categories);
        if (compact is null)
        {
            return new Read(null, null, compactProblems);
        }
        var expanded = CompactRoute.Expand(compact).ToJsonString();
        var (_, graphProblems) = Graphs.Read(expanded, categories);
        return new Read(graphProblems.Count == 0 ? compact : null, graphProblems.Count == 0 ? expanded : null, graphProblems);
    }

    /// <summary>Whether the document is written as a graph: an object with <c>nodes</c>.</summary>
    public static bool IsGraph(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("nodes", out _);
        }
        catch (JsonException)
        {
            return false; // the compact reader names the syntax error
        }
    }
}
