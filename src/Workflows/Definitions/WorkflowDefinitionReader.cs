using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Definitions;

/// <summary>
/// Reads a workflow definition from JSON: syntax first, then the JSON schema
/// (<c>workflow-definition.schema.json</c>), then the rules a schema cannot say (levels in order,
/// categories that exist, a route that never ends up empty). Every problem is reported with its path.
/// </summary>
public static class WorkflowDefinitionReader
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    // A property given twice would be read as its last value, silently: refused like any other malformed JSON.
    private static readonly JsonDocumentOptions Parsing = new() { CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false };

    public static (WorkflowDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems) Read(
        string json, IReadOnlyCollection<string> knownCategories)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Parsing);
        }
        catch (JsonException ex)
        {
            return (null, [new DefinitionProblem("", $"not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}): {FirstSentence(ex.Message)}")]);
        }

        using (document)
        {
            var schemaProblems = SchemaProblems(document.RootElement);
            if (schemaProblems.Count > 0)
            {
                return (null, schemaProblems);
            }
        }
        var definition = ToDefinition(JsonNode.Parse(json, documentOptions: Parsing)!);
        var problems = MeaningProblems(definition, knownCategories);
        return problems.Count > 0 ? (null, problems) : (definition, []);
    }

    /// <summary>The schema itself, for clients and docs.</summary>
    public static string SchemaText() => ReadResource();

    private static List<DefinitionProblem> SchemaProblems(JsonElement document)
    {
        var results = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }
        return (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => new DefinitionProblem(detail.InstanceLocation.ToString(), Plain(error.Value))))
            .Distinct()
            .ToList();
    }

    private static WorkflowDefinition ToDefinition(JsonNode document)
    {
        var route = document["route"]!.AsArray().Select(Level).ToList();
        var rules = (document["rules"]?.AsArray() ?? []).Select(rule =>
        {
            var when = rule!["when"]!;
            Money? threshold = when["amountAbove"] is { } amount && Money.TryParseYuan(amount.GetValue<string>(), out var money) ? money : null;
            var categories = when["categories"]?.AsArray().Select(c => c!.GetValue<string>()).ToList();
            return new RouteRule(
                rule["name"]?.GetValue<string>(),
                new RuleCondition(threshold, categories),
                (rule["add"]?.AsArray() ?? []).Select(Level).ToList(),
                (rule["skip"]?.AsArray() ?? []).Select(Level).ToList());
        }).ToList();
        var notice = document["notice"] is { } rule
            ? new NoticeRule(
                Enum.Parse<OrgLevel>(rule["level"]!.GetValue<string>()),
                rule["days"]!.GetValue<int>(),
                Counting(rule),
                rule["publishAt"] is { } publishAt ? TimeOnly.ParseExact(publishAt.GetValue<string>(), "HH:mm", CultureInfo.InvariantCulture) : null)
            : null;
        var deadlines = document["deadlines"]?.AsArray()
            .Select(deadline => new ServiceDeadline(Level(deadline!["level"]), deadline["days"]!.GetValue<int>(), Counting(deadline)))
            .ToList();
        return new WorkflowDefinition(route, rules, notice, deadlines);
    }

    private static List<DefinitionProblem> MeaningProblems(WorkflowDefinition definition, IReadOnlyCollection<string> knownCategories)
    {
        var problems = new List<DefinitionProblem>();
        for (var i = 1; i < definition.Route.Count; i++)
        {
            if (definition.Route[i] >= definition.Route[i - 1])
            {
                problems.Add(new DefinitionProblem($"/route/{i}",
                    $"the route goes upward, so {definition.Route[i]} cannot come after {definition.Route[i - 1]}"));
            }
        }
        for (var r = 0; r < definition.Rules.Count; r++)
        {
            var rule = definition.Rules[r];
            foreach (var (category, c) in (rule.When.Categories ?? []).Select((category, c) => (category, c)))
            {
                if (!knownCategories.Contains(category))
                {
                    problems.Add(new DefinitionProblem($"/rules/{r}/when/categories/{c}",
                        $"the programme has no category '{category}' (it has: {string.Join(", ", knownCategories)})"));
                }
            }
            foreach (var level in rule.Add.Intersect(rule.Skip))
            {
                problems.Add(new DefinitionProblem($"/rules/{r}", $"the rule both adds and skips {level}"));
            }
        }
        var possible = definition.PossibleLevels();
        foreach (var (deadline, d) in (definition.Deadlines ?? []).Select((deadline, d) => (deadline, d)))
        {
            if (!possible.Contains(deadline.Level))
            {
                problems.Add(new DefinitionProblem($"/deadlines/{d}/level", $"no case of this route waits at {deadline.Level}"));
            }
            if (definition.Deadlines!.Take(d).Any(earlier => earlier.Level == deadline.Level))
            {
                problems.Add(new DefinitionProblem($"/deadlines/{d}/level", $"{deadline.Level} already has a deadline"));
            }
        }
        var neverSkipped = definition.Route.Except(definition.Rules.SelectMany(rule => rule.Skip));
        if (!neverSkipped.Any())
        {
            problems.Add(new DefinitionProblem("/rules", "the rules could skip every level of the route: keep at least one level that is never skipped"));
        }
        return problems;
    }

    // The schema forbids unknown properties with a "false" schema; say so in words an admin understands.
    private static string Plain(string schemaMessage) =>
        schemaMessage.Contains("false schema", StringComparison.Ordinal) ? "this property is not part of a workflow definition" : schemaMessage;

    private static DayCounting Counting(JsonNode? node) =>
        node?["counting"] is { } counting ? Enum.Parse<DayCounting>(counting.GetValue<string>()) : DayCounting.WorkingDays;

    private static OrgLevel Level(JsonNode? node) => Enum.Parse<OrgLevel>(node!.GetValue<string>());

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];

    private static JsonSchema LoadSchema() => JsonSchema.FromText(ReadResource());

    private static string ReadResource()
    {
        using var stream = typeof(WorkflowDefinitionReader).Assembly.GetManifestResourceStream(
            "Relief.Workflows.Definitions.workflow-definition.schema.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
