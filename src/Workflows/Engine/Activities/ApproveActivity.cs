using System.Text.Json.Nodes;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Engine.Activities;

/// <summary>
/// A decision by a level's unit: approve, return to the branch, or reject; from the unit's inbox, one at a time
/// or in bulk. With a <c>quorum</c> it is a committee's vote (3 of the 5 members of the branch committee): each
/// member votes once, and the outcome is taken the moment it is certain.
/// </summary>
public sealed class ApproveActivity : ActivityKind
{
    public override string Name => "approve";

    public override string Summary => "a decision by a unit: approve, return or reject (a committee vote with a quorum)";

    public override bool Waits => true;

    public override bool DoneFromInbox => true;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>
    {
        ["at"] = Activities.Settings.Level("the level whose unit decides (on the case's own path up the hierarchy)"),
        ["roles"] = Activities.Settings.Names("who may decide (default: approver)"),
        ["quorum"] = Activities.Settings.Group("a committee: how many members vote, how many approvals decide", new Dictionary<string, JsonObject>
        {
            ["members"] = Activities.Settings.WholeNumber(2, 50, "the members of the committee"),
            ["needed"] = Activities.Settings.WholeNumber(1, 50, "approvals that decide"),
        }, "members", "needed"),
        ["due"] = Activities.Settings.Due,
        ["deadline"] = Activities.Settings.Deadline,
    };

    public override IReadOnlyList<string> RequiredSettings => ["at"];

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) =>
        node.Settings["due"] is null ? ["approve", "return", "reject"] : ["approve", "return", "reject", "timeout"];

    public override IEnumerable<DefinitionProblem> Check(NodeDefinition node, DefinitionContext context)
    {
        if (node.Settings["quorum"] is JsonObject quorum && quorum["needed"]!.GetValue<int>() > quorum["members"]!.GetValue<int>())
        {
            yield return new DefinitionProblem(node.PathOf("quorum/needed"), "a committee cannot need more approvals than it has members");
        }
    }
}
