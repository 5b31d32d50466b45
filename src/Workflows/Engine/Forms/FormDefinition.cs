using System.Text.Json.Nodes;
using Relief.Workflows.Engine.Activities;

namespace Relief.Workflows.Engine.Forms;

/// <summary>The kinds of field a task's form may ask for.</summary>
public enum FormFieldType
{
    Text,
    LongText,
    Number,
    Money,
    Date,
    YesNo,
    Choice,

    /// <summary>A list of short items (the needs a household raised during a visit).</summary>
    Items,
}

/// <summary>One field of a form as a definition declares it.</summary>
public sealed record FormField(
    string Name, string Label, FormFieldType Type, bool Required, decimal? Min, decimal? Max, int? MaxLength, IReadOnlyList<string> Choices);

/// <summary>
/// The form a <c>task</c> node asks a person to fill in (a visit report, a hand-over signed by the household).
/// Declared in the definition; answers are checked against it (<see cref="FormAnswers"/>) and become the case's
/// variables, named <c>{node}.{field}</c>.
/// </summary>
public sealed record FormDefinition(IReadOnlyList<FormField> Fields)
{
    public const int MaxFields = 40;

    public static FormDefinition Empty { get; } = new([]);

    private static readonly string[] Types = [.. Enum.GetNames<FormFieldType>().Select(n => char.ToLowerInvariant(n[0]) + n[1..])];

    /// <summary>The JSON schema of a form in a definition.</summary>
    public static JsonObject Schema { get; } = new()
    {
        ["type"] = "object", ["additionalProperties"] = false, ["required"] = new JsonArray("fields"),
        ["description"] = "the form the person fills in",
        ["properties"] = new JsonObject
        {
            ["fields"] = new JsonObject
            {
                ["type"] = "array", ["minItems"] = 1, ["maxItems"] = MaxFields,
                ["items"] = new JsonObject
                {
                    ["type"] = "object", ["additionalProperties"] = false, ["required"] = new JsonArray("name", "label", "type"),
                    ["properties"] = new JsonObject
                    {
                        ["name"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[a-z][A-Za-z0-9]{0,39}$" },
                        ["label"] = Settings.Text(100, "what the person reads beside the field"),
                        ["type"] = Settings.Choice("the kind of answer", Types),
                        ["required"] = new JsonObject { ["type"] = "boolean" },
                        ["min"] = new JsonObject { ["type"] = "number" },
                        ["max"] = new JsonObject { ["type"] = "number" },
                        ["maxLength"] = Settings.WholeNumber(1, 4000, "the longest text or the most items"),
                        ["choices"] = new JsonObject { ["type"] = "array", ["minItems"] = 2, ["uniqueItems"] = true, ["items"] = Settings.Text(100, "a choice") },
                    },
                },
            },
        },
    };

    /// <summary>A form from settings the schema has passed.</summary>
    public static FormDefinition Of(JsonNode? form) => form is not JsonObject declared
        ? Empty
        : new FormDefinition([.. declared["fields"]!.AsArray().Select(f => new FormField(
            f!["name"]!.GetValue<string>(),
            f["label"]!.GetValue<string>(),
            Enum.Parse<FormFieldType>(f["type"]!.GetValue<string>(), ignoreCase: true),
            f["required"]?.GetValue<bool>() ?? false,
            f["min"]?.GetValue<decimal>(),
            f["max"]?.GetValue<decimal>(),
            f["maxLength"]?.GetValue<int>(),
            f["choices"] is JsonArray choices ? [.. choices.Select(c => c!.GetValue<string>())] : []))]);

    /// <summary>The type a condition sees a field's answer as (the items of a list: their number).</summary>
    public static Expressions.ValueType ValueTypeOf(FormFieldType type) => type switch
    {
        FormFieldType.Number or FormFieldType.Items => Expressions.ValueType.Number,
        FormFieldType.Money => Expressions.ValueType.Money,
        FormFieldType.YesNo => Expressions.ValueType.Bool,
        _ => Expressions.ValueType.Text,
    };
}
