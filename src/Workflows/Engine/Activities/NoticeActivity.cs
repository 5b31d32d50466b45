using System.Globalization;
using System.Text.Json.Nodes;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Engine.Activities;

/// <summary>
/// The public notice (公示): the case goes on its noticing unit's next list, and waits until the window closes
/// (<c>closed</c>) or an objection against it is upheld (<c>upheld</c>).
/// </summary>
public sealed class NoticeActivity : ActivityKind
{
    public override string Name => "notice";

    public override string Summary => "public notice at a level: closed when the window ends, upheld when an objection is";

    public override bool Waits => true;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>
    {
        ["at"] = Activities.Settings.Level("the level whose unit publishes the list"),
        ["days"] = Activities.Settings.WholeNumber(1, 60, "how long the window runs"),
        ["counting"] = Activities.Settings.Choice("how the days are counted (default: working days)", "WorkingDays", "CalendarDays"),
        ["publishAt"] = new JsonObject { ["type"] = "string", ["pattern"] = "^([01][0-9]|2[0-3]):[0-5][0-9]$", ["description"] = "a Beijing time of day the open list publishes itself" },
    };

    public override IReadOnlyList<string> RequiredSettings => ["at", "days"];

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => ["closed", "upheld"];

    /// <summary>The notice rule a node of this kind sets (its settings were checked when the definition was read).</summary>
    public static NoticeRule RuleOf(NodeDefinition node) => new(
        Activities.Settings.LevelOf(node.Settings, "at"),
        Activities.Settings.WholeNumberOf(node.Settings, "days")!.Value,
        Activities.Settings.TextOf(node.Settings, "counting") == nameof(DayCounting.CalendarDays) ? DayCounting.CalendarDays : DayCounting.WorkingDays,
        Activities.Settings.TextOf(node.Settings, "publishAt") is { } at ? TimeOnly.ParseExact(at, "HH:mm", CultureInfo.InvariantCulture) : null);
}
