using System.Text.Json.Nodes;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Programmes;

namespace Relief.Workflows.Engine.Definitions;

/// <summary>
/// A definition being designed, checked as saving would check it — and read as far as it can be while it is not yet
/// whole, so that the designer can offer each node's outcomes to wire and draw what there is: every problem (with
/// the node it concerns), the outcomes of each node of a known kind, and the Mermaid diagram of what is wired.
/// </summary>
public sealed record DraftCheck(IReadOnlyList<DefinitionProblem> Problems, IReadOnlyDictionary<string, IReadOnlyList<string>> Outcomes, string? Mermaid)
{
    public static DraftCheck Of(string json, IReadOnlyCollection<string> categories, ActivityRegistry registry, string language)
    {
        var problems = ProgrammeWorkflowReader.From(json, categories).Problems;
        var nodes = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
        string? start = null;
        try
        {
            if (JsonNode.Parse(json) is JsonObject document && document["nodes"] is JsonObject written)
            {
                start = document["start"] is JsonValue s && s.TryGetValue<string>(out var first) ? first : null;
                foreach (var (id, node) in written)
                {
                    if (node is JsonObject body && body["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) && registry.Find(kind) is not null)
                    {
                        nodes[id] = Lenient(id, body);
                    }
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON at all: the problems say so, and there is nothing to draw.
        }
        var outcomes = nodes.ToDictionary(n => n.Key, n => OutcomesOf(registry.Find(n.Value.Kind)!, n.Value), StringComparer.Ordinal);
        return new DraftCheck(problems, outcomes, Diagram(start, nodes, language));
    }

    /// <summary>A node as far as it is written: wiring to strings only (the problems say what else is wrong).</summary>
    private static NodeDefinition Lenient(string id, JsonObject body)
    {
        var wired = new JsonObject();
        if (body["next"] is JsonObject next)
        {
            foreach (var (outcome, target) in next)
            {
                if (target is JsonValue t && t.TryGetValue<string>(out var to))
                {
                    wired[outcome] = to;
                }
            }
        }
        var copy = (JsonObject)body.DeepClone();
        copy["next"] = wired;
        if (copy["title"] is not JsonValue title || !title.TryGetValue<string>(out _))
        {
            copy.Remove("title");
        }
        return EngineDefinitionReader.ToNode(id, copy);
    }

    private static IReadOnlyList<string> OutcomesOf(ActivityKind kind, NodeDefinition node)
    {
        try
        {
            return kind.Outcomes(node);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or System.Text.Json.JsonException)
        {
            // A setting of the wrong type (the problems name it): the outcomes that do not depend on settings.
            return kind.Outcomes(node with { Settings = new JsonObject() });
        }
    }

    private static string? Diagram(string? start, Dictionary<string, NodeDefinition> nodes, string language)
    {
        if (nodes.Count == 0)
        {
            return null;
        }
        var drawn = nodes.ToDictionary(n => n.Key, n => n.Value with
        {
            Next = n.Value.Next.Where(w => nodes.ContainsKey(w.Value)).ToDictionary(w => w.Key, w => w.Value),
        }, StringComparer.Ordinal);
        try
        {
            return EngineDiagram.Mermaid(new EngineDefinition(start is not null && drawn.ContainsKey(start) ? start : drawn.Keys.First(), drawn), language);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
        {
            return null;
        }
    }
}
