using System.Text.Json.Nodes;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Engine.Activities;

/// <summary>
/// Parallel branches: every outcome in <c>next</c> is taken at once (the city's finance office and its hardship
/// office countersign side by side). A <c>join</c> naming this fork brings them together again.
/// </summary>
public sealed class ForkActivity : ActivityKind
{
    public override string Name => "fork";

    public override IReadOnlyCollection<WorkflowSubject> Subjects => Both;

    public override string Summary => "parallel branches: every outcome is taken at once, until the join that names this fork";

    public override bool Waits => false;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>();

    /// <summary>A fork's outcomes are its branches, named as the definition likes.</summary>
    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => [.. node.Next.Keys];

    public override IEnumerable<DefinitionProblem> Check(NodeDefinition node, DefinitionContext context)
    {
        if (node.Next.Count < 2)
        {
            yield return new DefinitionProblem(node.PathOf("next"), "a fork has at least two branches");
        }
    }
}
