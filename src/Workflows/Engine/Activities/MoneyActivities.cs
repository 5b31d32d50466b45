using System.Text.Json.Nodes;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Engine.Activities;

/// <summary>Sets the case's amount aside at its branch (and takes its quota place), once; the payment draws on it.</summary>
public sealed class ReserveActivity : ActivityKind
{
    public override string Name => "reserve";

    public override string Summary => "sets the case's money aside at its branch";

    public override bool Waits => false;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>();

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => ["done"];
}

/// <summary>Gives back what was set aside (an objection upheld, a veto): the money to the branch's account, the place to the quota.</summary>
public sealed class ReleaseActivity : ActivityKind
{
    public override string Name => "release";

    public override string Summary => "gives back the money and quota place set aside";

    public override bool Waits => false;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>();

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => ["done"];
}

/// <summary>Waits for the branch's finance to pay the household from what was set aside; paid exactly once, however often asked.</summary>
public sealed class PayActivity : ActivityKind
{
    public override string Name => "pay";

    public override string Summary => "the branch pays the household from the money set aside, exactly once";

    public override bool Waits => true;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>
    {
        ["methods"] = Activities.Settings.Names("the ways it may be paid (default: all)"),
    };

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => ["done"];
}
