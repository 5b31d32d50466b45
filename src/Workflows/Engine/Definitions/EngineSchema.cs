using System.Text.Json.Nodes;
using Relief.Workflows.Engine.Activities;

namespace Relief.Workflows.Engine.Definitions;

/// <summary>
/// The JSON schema of graph definitions, generated from the registry: each kind's settings, required settings
/// and description come from its class, so the schema served to clients cannot drift from what is accepted
/// (saving checks definitions against this same schema).
/// </summary>
public static class EngineSchema
{
    public const string IdPattern = "^[a-z][A-Za-z0-9]{0,39}$";

    /// <summary>The schema of definitions of <paramref name="subject"/>: the kinds it may use, and what each must give there.</summary>
    public static JsonObject Generate(ActivityRegistry registry, WorkflowSubject subject = WorkflowSubject.Case)
    {
        var kinds = registry.KindsFor(subject);
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "Relief workflow definition",
            ["description"] = "A graph of nodes wired by named outcomes, generated from the activity registry. A programme may also save the compact form "
                + "(route, rules, notice, deadlines), which is expanded into such a graph.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray("start", "nodes"),
            ["properties"] = new JsonObject
            {
                ["name"] = Settings.Text(100, "what people call the workflow"),
                ["subject"] = new JsonObject
                {
                    ["const"] = WorkflowSubjects.NameOf(subject),
                    ["description"] = "what the workflow's instances are: case (the default) or allocationPlan",
                },
                ["start"] = new JsonObject { ["type"] = "string", ["pattern"] = IdPattern, ["description"] = "the id of the first node" },
                ["nodes"] = new JsonObject
                {
                    ["type"] = "object", ["minProperties"] = 1, ["maxProperties"] = 200,
                    ["propertyNames"] = new JsonObject { ["pattern"] = IdPattern },
                    ["additionalProperties"] = Node(kinds, subject),
                },
            },
        };
    }

    private static JsonObject Node(IReadOnlyList<ActivityKind> kinds, WorkflowSubject subject) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("kind"),
        ["properties"] = new JsonObject
        {
            ["kind"] = new JsonObject { ["enum"] = new JsonArray([.. kinds.Select(k => (JsonNode)k.Name)]) },
        },
        ["allOf"] = new JsonArray([.. kinds.Select(k => Kind(k, subject))]),
    };

    /// <summary>When <c>kind</c> names this kind: its settings and nothing else besides kind, title and next.</summary>
    private static JsonObject Kind(ActivityKind kind, WorkflowSubject subject)
    {
        var properties = new JsonObject
        {
            ["kind"] = new JsonObject { ["const"] = kind.Name, ["description"] = kind.Summary },
            ["title"] = Settings.Text(100, "what people read for this step"),
            ["next"] = new JsonObject
            {
                ["type"] = "object", ["description"] = "outcome → the id of the node it leads to",
                ["propertyNames"] = new JsonObject { ["pattern"] = IdPattern },
                ["additionalProperties"] = new JsonObject { ["type"] = "string", ["pattern"] = IdPattern },
            },
        };
        foreach (var (name, schema) in kind.Settings)
        {
            properties[name] = schema.DeepClone();
        }
        return new JsonObject
        {
            ["if"] = new JsonObject { ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["const"] = kind.Name } } },
            ["then"] = new JsonObject
            {
                ["properties"] = properties,
                ["required"] = new JsonArray([.. kind.RequiredSettingsIn(subject).Select(r => (JsonNode)r)]),
                ["additionalProperties"] = false,
            },
        };
    }
}
