using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Activities;

namespace Relief.Workflows.Engine.Definitions;

/// <summary>
/// Reads a graph definition: JSON (a property given twice is refused), then each node's kind (an unknown kind is
/// named before anything else), then the generated schema, then each kind's own checks and the graph's meaning
/// (<see cref="GraphCheck"/>). Every problem names the node and the reason.
/// </summary>
public sealed class EngineDefinitionReader(ActivityRegistry registry)
{
    private static readonly JsonDocumentOptions Parsing = new() { CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false };

    private readonly Dictionary<WorkflowSubject, Lazy<JsonSchema>> _schemas = Enum.GetValues<WorkflowSubject>().ToDictionary(
        subject => subject, subject => new Lazy<JsonSchema>(() => JsonSchema.FromText(EngineSchema.Generate(registry, subject).ToJsonString())));

    public (EngineDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems) Read(string json, IReadOnlyCollection<string> categories) =>
        Read(json, categories, ApplicationFields);

    public (EngineDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems) Read(
        string json, IReadOnlyCollection<string> categories, IReadOnlyDictionary<string, Expressions.ValueType> applicationFields)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(json, documentOptions: Parsing);
        }
        catch (JsonException ex)
        {
            return (null, [new DefinitionProblem("", $"not valid JSON (line {ex.LineNumber + 1}): {ex.Message.Split(" Path:", 2)[0]}")]);
        }
        if (document is not JsonObject root || root["nodes"] is not JsonObject nodes)
        {
            return (null, [new DefinitionProblem("/nodes", "a definition is an object with its nodes by id")]);
        }
        if (SubjectOf(root) is not { } subject)
        {
            return (null, [new DefinitionProblem("/subject", $"'{WorkflowSubjects.CaseName}' or '{WorkflowSubjects.AllocationPlanName}'")]);
        }
        var unknownKinds = UnknownKinds(nodes, subject).ToList();
        if (unknownKinds.Count > 0)
        {
            return (null, unknownKinds);
        }
        var schemaProblems = SchemaProblems(root, subject);
        if (schemaProblems.Count > 0)
        {
            return (null, schemaProblems);
        }
        var definition = new EngineDefinition(root["start"]!.GetValue<string>(), nodes.ToDictionary(n => n.Key, n => ToNode(n.Key, n.Value!.AsObject())), subject);
        var fields = Fields(definition, applicationFields);
        var context = new DefinitionContext(definition, categories, fields);
        var problems = definition.Nodes.Values.SelectMany(node => registry.Find(node.Kind)!.Check(node, context))
            .Concat(new GraphCheck(registry, definition).Problems())
            .Distinct()
            .ToList();
        return problems.Count > 0 ? (null, problems) : (definition, []);
    }

    /// <summary>
    /// A definition that was checked when it was saved, read again to run it: only parsed, never refused (a case
    /// keeps running the version it started with even if a later build checks more strictly).
    /// </summary>
    public static EngineDefinition Load(string json)
    {
        var root = JsonNode.Parse(json, documentOptions: Parsing)!.AsObject();
        return new EngineDefinition(root["start"]!.GetValue<string>(), root["nodes"]!.AsObject().ToDictionary(n => n.Key, n => ToNode(n.Key, n.Value!.AsObject())),
            SubjectOf(root) ?? WorkflowSubject.Case);
    }

    // A subject that is not text is left to the schema to name; an unknown name is refused before the nodes are read.
    private static WorkflowSubject? SubjectOf(JsonObject root) =>
        root["subject"] is JsonValue value && value.TryGetValue<string>(out var name) ? WorkflowSubjects.Parse(name) : WorkflowSubject.Case;

    /// <summary>The fields of every application a condition may name.</summary>
    public static IReadOnlyDictionary<string, Expressions.ValueType> ApplicationFields { get; } = new Dictionary<string, Expressions.ValueType>
    {
        ["amount"] = Expressions.ValueType.Money,
        ["category"] = Expressions.ValueType.Text,
        ["householdSize"] = Expressions.ValueType.Number,
        ["monthlyIncomePerHead"] = Expressions.ValueType.Money,
        ["branch"] = Expressions.ValueType.Text,
    };

    /// <summary>What conditions may name: the application's fields, and each task's answers as <c>{node}.{field}</c>.</summary>
    public static IReadOnlyDictionary<string, Expressions.ValueType> Fields(EngineDefinition definition, IReadOnlyDictionary<string, Expressions.ValueType> applicationFields)
    {
        var fields = new Dictionary<string, Expressions.ValueType>(applicationFields);
        foreach (var task in definition.Nodes.Values.Where(n => n.Kind == "task"))
        {
            foreach (var field in Forms.FormDefinition.Of(task.Settings["form"]).Fields)
            {
                fields[$"{task.Id}.{field.Name}"] = Forms.FormDefinition.ValueTypeOf(field.Type);
            }
        }
        return fields;
    }

    private IEnumerable<DefinitionProblem> UnknownKinds(JsonObject nodes, WorkflowSubject subject)
    {
        foreach (var (id, node) in nodes)
        {
            var kind = node is JsonObject o && o["kind"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;
            if (kind is null || registry.Find(kind, subject) is null)
            {
                var known = string.Join(", ", registry.KindsFor(subject).Select(k => k.Name));
                yield return new DefinitionProblem($"/nodes/{id}/kind", kind is not null && registry.Find(kind) is not null
                    ? $"a node of kind '{kind}' has no place in a workflow of {WorkflowSubjects.NameOf(subject)} (known there: {known})"
                    : $"{(kind is null ? "no kind" : $"unknown kind '{kind}'")} (known: {known})");
            }
        }
    }

    private List<DefinitionProblem> SchemaProblems(JsonObject root, WorkflowSubject subject)
    {
        using var document = JsonDocument.Parse(root.ToJsonString());
        var results = _schemas[subject].Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : (results.Details ?? [])
                // A kind's "if" not matching is how the schema picks the kind, not a problem of the node.
                .Where(detail => detail.Errors is { Count: > 0 } && !detail.EvaluationPath.ToString().Contains("/if", StringComparison.Ordinal))
                .SelectMany(detail => detail.Errors!.Select(error => new DefinitionProblem(detail.InstanceLocation.ToString(), Plain(error.Key, error.Value))))
                .Distinct()
                .ToList();
    }

    // The schema forbids unknown settings with a "false" schema; say so in words an admin understands.
    private static string Plain(string keyword, string message) =>
        keyword == "falseSchema" || message.Contains("false schema", StringComparison.Ordinal) ? "this setting is not one this kind of node has" : message;

    /// <summary>A node as written: its kind, title, wiring, and every other property as its settings (not checked here).</summary>
    public static NodeDefinition ToNode(string id, JsonObject node)
    {
        var next = node["next"] is JsonObject wired ? wired.ToDictionary(w => w.Key, w => w.Value!.GetValue<string>()) : [];
        var settings = new JsonObject(node.Where(p => p.Key is not ("kind" or "title" or "next")).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        return new NodeDefinition(id, node["kind"]!.GetValue<string>(), node["title"]?.GetValue<string>(), next, settings);
    }
}
