using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Relief.Workflows.Common;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Funds;

namespace Relief.Workflows.Engine.Forms;

/// <summary>
/// A task's answers checked against its form: each field of the right type, within its bounds, present when
/// required, and nothing the form does not ask. What passes is kept as given (normalised: trimmed text, money
/// as a yuan string) and offered to conditions as <c>{node}.{field}</c> (a list of items: its number).
/// </summary>
public static class FormAnswers
{
    public const int DefaultTextLength = 200;
    public const int DefaultLongTextLength = 2000;
    public const int DefaultItems = 20;
    public const int ItemLength = 200;

    public sealed record Checked(JsonObject Answers, IReadOnlyDictionary<string, ExpressionValue> Variables, IReadOnlyList<FieldProblem> Problems);

    /// <summary>The variable holding the items of a list field (<c>visit.needs[]</c>).</summary>
    public static string ItemsOf(string node, string field) => $"{node}.{field}[]";

    public static Checked Check(string node, FormDefinition form, JsonObject? answers)
    {
        answers ??= [];
        var problems = new List<FieldProblem>();
        var kept = new JsonObject();
        var variables = new Dictionary<string, ExpressionValue>();
        foreach (var name in answers.Select(a => a.Key).Where(name => form.Fields.All(f => f.Name != name)))
        {
            problems.Add(new FieldProblem($"answers.{name}", "the form has no such field"));
        }
        foreach (var field in form.Fields)
        {
            var path = $"answers.{field.Name}";
            var given = answers[field.Name];
            if (given is null || (given is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length == 0))
            {
                if (field.Required)
                {
                    problems.Add(new FieldProblem(path, $"{field.Label}: the answer is missing"));
                }
                continue;
            }
            if (Read(field, given) is { Problem: { } problem })
            {
                problems.Add(new FieldProblem(path, $"{field.Label}: {problem}"));
            }
            else
            {
                var (json, value, _) = Read(field, given);
                kept[field.Name] = json;
                variables[$"{node}.{field.Name}"] = value!;
                if (field.Type == FormFieldType.Items)
                {
                    // The items themselves, for a followUps node; not a name a condition can write (it counts them instead).
                    variables[ItemsOf(node, field.Name)] = ExpressionValue.OfTexts(json!.AsArray().Select(i => i!.GetValue<string>()));
                }
            }
        }
        return new Checked(kept, variables, problems);
    }

    private static (JsonNode? Json, ExpressionValue? Value, string? Problem) Read(FormField field, JsonNode given) => field.Type switch
    {
        FormFieldType.Text or FormFieldType.LongText => Text(field, given),
        FormFieldType.Number => Number(field, given),
        FormFieldType.Money => Amount(field, given),
        FormFieldType.Date => Date(given),
        FormFieldType.YesNo => given is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? (JsonValue.Create(b.GetValue<bool>()), ExpressionValue.Of(b.GetValue<bool>()), null)
            : (null, null, "yes or no (true or false)"),
        FormFieldType.Choice => given is JsonValue c && c.GetValueKind() == JsonValueKind.String && field.Choices.Contains(c.GetValue<string>())
            ? (JsonValue.Create(c.GetValue<string>()), ExpressionValue.Of(c.GetValue<string>()), null)
            : (null, null, $"one of {string.Join(", ", field.Choices)}"),
        _ => Items(field, given),
    };

    private static (JsonNode?, ExpressionValue?, string?) Text(FormField field, JsonNode given)
    {
        if (given is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return (null, null, "a text");
        }
        var text = v.GetValue<string>().Trim();
        var max = field.MaxLength ?? (field.Type == FormFieldType.LongText ? DefaultLongTextLength : DefaultTextLength);
        if (text.Length > max)
        {
            return (null, null, $"at most {max} characters");
        }
        if (field.Type == FormFieldType.Text && text.Any(ch => ch is '\n' or '\r'))
        {
            return (null, null, "one line (a long text field takes line breaks)");
        }
        return (JsonValue.Create(text), ExpressionValue.Of(text), null);
    }

    private static (JsonNode?, ExpressionValue?, string?) Number(FormField field, JsonNode given)
    {
        if (given is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<decimal>(out var number))
        {
            return (null, null, "a number");
        }
        return Bounds(field, number) is { } outside ? (null, null, outside) : (JsonValue.Create(number), ExpressionValue.Of(number), null);
    }

    private static (JsonNode?, ExpressionValue?, string?) Amount(FormField field, JsonNode given)
    {
        var amount = Money.Zero;
        var ok = given is JsonValue v && v.GetValueKind() switch
        {
            JsonValueKind.String => Money.TryParseYuan(v.GetValue<string>(), out amount),
            JsonValueKind.Number => v.TryGetValue<decimal>(out var yuan) && Money.TryParseYuan(yuan, out amount),
            _ => false,
        };
        if (!ok)
        {
            return (null, null, "an amount in yuan with at most two decimals");
        }
        return Bounds(field, amount.Yuan) is { } outside ? (null, null, outside) : (JsonValue.Create(amount.ToString()), ExpressionValue.Of(amount), null);
    }

    private static (JsonNode?, ExpressionValue?, string?) Date(JsonNode given) =>
        given is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && DateOnly.TryParseExact(v.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ExpressionValue.Of(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), null)
            : (null, null, "a date (yyyy-MM-dd)");

    private static (JsonNode?, ExpressionValue?, string?) Items(FormField field, JsonNode given)
    {
        var max = field.MaxLength ?? DefaultItems;
        if (given is not JsonArray list || list.Any(i => i is not JsonValue s || s.GetValueKind() != JsonValueKind.String || s.GetValue<string>().Trim().Length is 0 or > ItemLength))
        {
            return (null, null, $"a list of items, each a text of 1 to {ItemLength} characters");
        }
        if (list.Count > max)
        {
            return (null, null, $"at most {max} items");
        }
        if (field.Required && list.Count == 0)
        {
            return (null, null, "at least one item");
        }
        var items = list.Select(i => i!.GetValue<string>().Trim()).ToList();
        return (new JsonArray([.. items.Select(i => (JsonNode)i)]), ExpressionValue.Of(items.Count), null);
    }

    private static string? Bounds(FormField field, decimal value) =>
        (field.Min is { } min && value < min) || (field.Max is { } max && value > max)
            ? $"from {field.Min?.ToString(CultureInfo.InvariantCulture) ?? "any"} to {field.Max?.ToString(CultureInfo.InvariantCulture) ?? "any"}"
            : null;
}
