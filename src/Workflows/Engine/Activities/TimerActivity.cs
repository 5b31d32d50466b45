using System.Text.Json.Nodes;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Engine.Activities;

/// <summary>Waits a number of working or calendar days (the holiday calendar), or until a date, then goes on (<c>done</c>).</summary>
public sealed class TimerActivity : ActivityKind
{
    public override string Name => "timer";

    public override IReadOnlyCollection<WorkflowSubject> Subjects => Both;

    public override string Summary => "waits working or calendar days, or until a date";

    public override bool Waits => true;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>
    {
        ["wait"] = Activities.Settings.Due,
    };

    public override IReadOnlyList<string> RequiredSettings => ["wait"];

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => ["done"];
}
