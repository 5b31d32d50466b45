using System.Text.Json.Nodes;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Expressions;

namespace Relief.Workflows.Engine.Activities;

/// <summary>
/// A branch on a condition over the case's data and earlier answers (<c>amount &gt; 5000 and category in
/// ["archived"]</c>): <c>yes</c> or <c>no</c>. The condition is parsed and checked when the definition is saved.
/// </summary>
public sealed class DecideActivity : ActivityKind
{
    public override string Name => "decide";

    public override IReadOnlyCollection<WorkflowSubject> Subjects => Both;

    public override string Summary => "a branch on a condition: yes or no";

    public override bool Waits => false;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>
    {
        ["condition"] = Activities.Settings.Text(ExpressionParser.MaxLength, "comparisons, and / or / not, in [lists], + - * on numbers and money"),
    };

    public override IReadOnlyList<string> RequiredSettings => ["condition"];

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => ["yes", "no"];

    public override IEnumerable<DefinitionProblem> Check(NodeDefinition node, DefinitionContext context)
    {
        var (expression, problem) = ExpressionParser.Parse(Activities.Settings.TextOf(node.Settings, "condition"));
        var problems = problem is not null ? [problem] : ExpressionCheck.Condition(expression!, context.Fields);
        return problems.Select(p => new DefinitionProblem(node.PathOf("condition"), $"{p.Reason} (at character {p.Position + 1})"));
    }
}
