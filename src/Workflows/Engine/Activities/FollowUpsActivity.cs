using System.Text.Json.Nodes;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Forms;

namespace Relief.Workflows.Engine.Activities;

/// <summary>
/// The needs raised in an earlier task (a list field of its form) become items, each assigned to a unit and
/// tracked until it is answered (事事有回应、件件有着落); the node completes (<c>done</c>) when every item is closed.
/// Each need is a task of its own in the answering unit's inbox, closed with the outcome <see cref="Answered"/>.
/// </summary>
public sealed class FollowUpsActivity : ActivityKind
{
    public const string Answered = "answered";

    public override string Name => "followUps";

    public override string Summary => "follows each need raised in an earlier task until it is answered";

    public override bool Waits => true;

    public override bool DoneFromInbox => true;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>
    {
        ["from"] = Activities.Settings.Text(40, "the id of the task whose form lists the needs"),
        ["field"] = Activities.Settings.Text(40, "the list field of that form"),
        ["assignTo"] = Activities.Settings.Level("the level whose unit answers each need"),
        ["roles"] = Activities.Settings.Names("who answers the needs there (default: approver)"),
        ["due"] = Activities.Settings.Due,
    };

    public override IReadOnlyList<string> RequiredSettings => ["from", "field", "assignTo"];

    public override IReadOnlyList<string> Outcomes(NodeDefinition node) => ["done"];

    public override IEnumerable<DefinitionProblem> Check(NodeDefinition node, DefinitionContext context)
    {
        var from = Activities.Settings.TextOf(node.Settings, "from")!;
        var field = Activities.Settings.TextOf(node.Settings, "field")!;
        if (!context.Definition.Nodes.TryGetValue(from, out var task) || task.Kind != "task")
        {
            yield return new DefinitionProblem(node.PathOf("from"), $"no task '{from}' whose form lists the needs");
        }
        else if (!FormDefinition.Of(task.Settings["form"]).Fields.Any(f => f.Name == field && f.Type == FormFieldType.Items))
        {
            yield return new DefinitionProblem(node.PathOf("field"), $"the form of '{from}' has no list field '{field}'");
        }
    }
}
