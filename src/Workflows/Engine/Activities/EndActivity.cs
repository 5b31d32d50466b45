using System.Text.Json.Nodes;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Engine.Activities;

/// <summary>Where a path ends: the case is paid, rejected or closed, and every branch still open is closed with it.</summary>
public sealed class EndActivity : ActivityKind
{
    public override string Name => "end";

    public override IReadOnlyCollection<WorkflowSubject> Subjects => Both;

    public override string Summary => "the end of a path: the case is paid, rejected or closed";

    public override bool Waits => false;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>
    {
        ["result"] = Activities.Settings.Choice("how the case ends", "paid", "rejected", "closed"),
    };

    public override IReadOnlyList<string> RequiredSettings => ["result"];

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => [];
}
