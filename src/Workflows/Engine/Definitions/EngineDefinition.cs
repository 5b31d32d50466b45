using System.Text.Json.Nodes;

namespace Relief.Workflows.Engine.Definitions;

/// <summary>
/// A workflow definition as a graph: nodes, each of a registered activity kind with its own settings, wired by
/// named outcomes (<c>"next": { "approve": "city", "reject": "rejected" }</c>), entered at <see cref="Start"/>.
/// Read and checked by <see cref="EngineDefinitionReader"/>; kept as its JSON text in a programme's versions.
/// Its <see cref="Subject"/> says what its instances are: cases unless it says otherwise.
/// </summary>
public sealed record EngineDefinition(string Start, IReadOnlyDictionary<string, NodeDefinition> Nodes, WorkflowSubject Subject = WorkflowSubject.Case)
{
    public NodeDefinition Node(string id) => Nodes[id];
}

/// <summary>One node: its id (unique in the definition), kind, title for people, outcomes wired, and the kind's own settings.</summary>
public sealed record NodeDefinition(string Id, string Kind, string? Title, IReadOnlyDictionary<string, string> Next, JsonObject Settings)
{
    /// <summary>A JSON pointer into the definition for a problem at this node (<c>/nodes/vote/quorum</c>).</summary>
    public string PathOf(string? property = null) => property is null ? $"/nodes/{Id}" : $"/nodes/{Id}/{property}";
}
