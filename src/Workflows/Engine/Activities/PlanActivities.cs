using System.Text.Json.Nodes;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Engine.Activities;

/// <summary>
/// Carries an approved allocation plan out: every child's money (by source) and recipient quota written at once by
/// the unit's account and quota, or nothing when the unit cannot cover the whole plan (the step is then refused).
/// Carried out once, however often it is asked.
/// </summary>
public sealed class AllocateActivity : ActivityKind
{
    public override string Name => "allocate";

    public override string Summary => "allocates the plan's money and quota to every child at once, or refuses the whole plan";

    public override IReadOnlyCollection<WorkflowSubject> Subjects => PlanOnly;

    public override bool Waits => false;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>();

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => ["done"];
}

/// <summary>
/// Each child of the plan confirms that its allocation arrived: one task per child in that child's inbox, overdue past
/// its deadline (and then in the parent's escalations); the node is done when every child has confirmed.
/// </summary>
public sealed class ReceiptsActivity : ActivityKind
{
    /// <summary>The outcome each child's task is closed with.</summary>
    public const string Received = "received";

    /// <summary>The plan's variable listing the children, one receipt each.</summary>
    public const string ChildrenVariable = "plan.children";

    public override string Name => "receipts";

    public override string Summary => "each child confirms receipt of its allocation, from its own inbox";

    public override IReadOnlyCollection<WorkflowSubject> Subjects => PlanOnly;

    public override bool Waits => true;

    public override bool DoneFromInbox => true;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>
    {
        ["roles"] = Activities.Settings.Names("who confirms at each child (default: finance)"),
        ["deadline"] = Activities.Settings.Deadline,
    };

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => ["done"];
}
