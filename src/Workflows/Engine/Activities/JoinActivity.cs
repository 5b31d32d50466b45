using System.Text.Json.Nodes;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Engine.Activities;

/// <summary>
/// Where the branches of a fork meet: it goes on (<c>done</c>) once all of them, or the first <c>wait</c> of them,
/// have arrived; the branches still open then are closed, and the journal says why.
/// </summary>
public sealed class JoinActivity : ActivityKind
{
    public override string Name => "join";

    public override IReadOnlyCollection<WorkflowSubject> Subjects => Both;

    public override string Summary => "where a fork's branches meet: all of them, or the first N";

    public override bool Waits => false;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>
    {
        ["fork"] = Activities.Settings.Text(40, "the id of the fork whose branches meet here"),
        ["wait"] = Activities.Settings.WholeNumber(1, 20, "go on after this many branches (default: all)"),
    };

    public override IReadOnlyList<string> RequiredSettings => ["fork"];

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => ["done"];

    public override IEnumerable<DefinitionProblem> Check(NodeDefinition node, DefinitionContext context)
    {
        var forkId = Activities.Settings.TextOf(node.Settings, "fork")!;
        if (!context.Definition.Nodes.TryGetValue(forkId, out var fork) || fork.Kind != "fork")
        {
            yield return new DefinitionProblem(node.PathOf("fork"), $"a join names the fork it closes: no fork '{forkId}'");
        }
        else if (Activities.Settings.WholeNumberOf(node.Settings, "wait") is { } wait && wait > fork.Next.Count)
        {
            yield return new DefinitionProblem(node.PathOf("wait"), $"the fork '{forkId}' has {fork.Next.Count} branches, not {wait}");
        }
    }
}
