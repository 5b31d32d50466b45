using System.Text.Json.Nodes;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Engine.Activities;

/// <summary>JSON schemas of the settings kinds share, and readers for the values once a schema has passed them.</summary>
public static class Settings
{
    public static JsonObject Level(string description) => new()
    {
        ["type"] = "string", ["enum"] = new JsonArray([.. Enum.GetNames<OrgLevel>().Select(n => (JsonNode)n)]), ["description"] = description,
    };

    public static JsonObject WholeNumber(int minimum, int maximum, string description) => new()
    {
        ["type"] = "integer", ["minimum"] = minimum, ["maximum"] = maximum, ["description"] = description,
    };

    public static JsonObject Text(int maxLength, string description) => new()
    {
        ["type"] = "string", ["minLength"] = 1, ["maxLength"] = maxLength, ["description"] = description,
    };

    public static JsonObject Choice(string description, params string[] choices) => new()
    {
        ["type"] = "string", ["enum"] = new JsonArray([.. choices.Select(c => (JsonNode)c)]), ["description"] = description,
    };

    public static JsonObject Flag(string description) => new() { ["type"] = "boolean", ["description"] = description };

    public static bool FlagOf(JsonObject settings, string name) => settings[name]?.GetValue<bool>() == true;

    public static JsonObject Names(string description, int minItems = 1) => new()
    {
        ["type"] = "array", ["minItems"] = minItems, ["uniqueItems"] = true, ["description"] = description,
        ["items"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[a-z][A-Za-z0-9]{0,39}$" },
    };

    public static JsonObject Group(string description, IReadOnlyDictionary<string, JsonObject> properties, params string[] required) => new()
    {
        ["type"] = "object", ["description"] = description, ["additionalProperties"] = false,
        ["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value.DeepClone()))),
        ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
    };

    /// <summary>How long a human step may wait before its <c>timeout</c> outcome: working days, calendar days, or until a date.</summary>
    public static JsonObject Due { get; } = new()
    {
        ["type"] = "object", ["additionalProperties"] = false, ["minProperties"] = 1, ["maxProperties"] = 1,
        ["description"] = "when the step is due; past it the node takes its timeout outcome",
        ["properties"] = new JsonObject
        {
            ["workingDays"] = WholeNumber(1, 365, "working days on the holiday calendar, the day of arrival not counted"),
            ["calendarDays"] = WholeNumber(1, 365, "calendar days after the day of arrival"),
            ["until"] = new JsonObject { ["type"] = "string", ["format"] = "date", ["description"] = "a Beijing date" },
        },
    };

    /// <summary>A service deadline: past it the step is overdue in its unit's inbox (twice past it, the unit above sees it), with no outcome taken.</summary>
    public static JsonObject Deadline { get; } = new()
    {
        ["type"] = "object", ["additionalProperties"] = false, ["minProperties"] = 1, ["maxProperties"] = 1,
        ["description"] = "how long the unit may keep the step: past it the step is overdue (no outcome is taken)",
        ["properties"] = new JsonObject
        {
            ["workingDays"] = WholeNumber(1, 365, "working days on the holiday calendar, the day of arrival not counted"),
            ["calendarDays"] = WholeNumber(1, 365, "calendar days after the day of arrival"),
        },
    };

    public static OrgLevel LevelOf(JsonObject settings, string name) => Enum.Parse<OrgLevel>(settings[name]!.GetValue<string>());

    public static int? WholeNumberOf(JsonObject settings, string name) => settings[name]?.GetValue<int>();

    public static string? TextOf(JsonObject settings, string name) => settings[name]?.GetValue<string>();

    public static IReadOnlyList<string> NamesOf(JsonObject settings, string name, params string[] otherwise) =>
        settings[name] is JsonArray names ? [.. names.Select(n => n!.GetValue<string>())] : otherwise;
}
