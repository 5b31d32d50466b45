using System.Text.Json.Nodes;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Forms;

namespace Relief.Workflows.Engine.Activities;

/// <summary>
/// Human work at a level with a form declared in the definition: a home-visit report, an on-site check, goods
/// handed over and signed for by the household, a greetings letter sent. The answers, checked against the form,
/// become the case's variables; the person picks one of the node's outcomes (<c>done</c> unless it names others).
/// </summary>
public sealed class TaskActivity : ActivityKind
{
    public override string Name => "task";

    public override IReadOnlyCollection<WorkflowSubject> Subjects => Both;

    /// <summary>A plan's tasks are done at the plan's own unit, so a plan's task names no level.</summary>
    public override IReadOnlyList<string> RequiredSettingsIn(WorkflowSubject subject) => subject == WorkflowSubject.Case ? RequiredSettings : [];

    public override string Summary => "human work with a form: a visit report, a hand-over signed for, a letter sent";

    public override bool Waits => true;

    public override bool DoneFromInbox => true;

    public override IReadOnlyDictionary<string, JsonObject> Settings { get; } = new Dictionary<string, JsonObject>
    {
        ["at"] = Activities.Settings.Level("the level whose unit does the work"),
        ["roles"] = Activities.Settings.Names("who may do it (default: clerk)"),
        ["form"] = FormDefinition.Schema,
        ["outcomes"] = Activities.Settings.Names("the outcomes the person chooses from (default: done)"),
        ["due"] = Activities.Settings.Due,
        ["deadline"] = Activities.Settings.Deadline,
        [HandsOverGoods] = Activities.Settings.Flag("the hand-over: done, it issues the case's goods set aside at approval from the branch's stock, signed for on the form"),
    };

    /// <summary>The setting that makes a task the case's hand-over of goods (物资签收).</summary>
    public const string HandsOverGoods = "handsOverGoods";

    /// <summary>Whether the definition hands goods over at a task of its own (else the payment issues them).</summary>
    public static bool HasHandOver(EngineDefinition definition) =>
        definition.Nodes.Values.Any(n => n.Kind == "task" && Activities.Settings.FlagOf(n.Settings, HandsOverGoods));

    public override IReadOnlyList<string> RequiredSettings => ["at"];

    public override IReadOnlyList<string> Outcomes(NodeDefinition node)
    {
        var chosen = Activities.Settings.NamesOf(node.Settings, "outcomes", "done");
        return node.Settings["due"] is null ? chosen : [.. chosen, "timeout"];
    }

    public override IEnumerable<DefinitionProblem> Check(NodeDefinition node, DefinitionContext context)
    {
        var form = FormDefinition.Of(node.Settings["form"]);
        for (var i = 0; i < form.Fields.Count; i++)
        {
            var field = form.Fields[i];
            var path = node.PathOf($"form/fields/{i}");
            if (form.Fields.Take(i).Any(f => f.Name == field.Name))
            {
                yield return new DefinitionProblem($"{path}/name", $"the form already has a field '{field.Name}'");
            }
            if (field.Type == FormFieldType.Choice && field.Choices.Count == 0)
            {
                yield return new DefinitionProblem($"{path}/choices", "a choice field lists its choices");
            }
            if (field is { Min: { } min, Max: { } max } && min > max)
            {
                yield return new DefinitionProblem($"{path}/min", $"the least ({min}) is above the most ({max})");
            }
        }
        if (Activities.Settings.NamesOf(node.Settings, "outcomes").Contains("timeout"))
        {
            yield return new DefinitionProblem(node.PathOf("outcomes"), "'timeout' is the outcome of a due time (give 'due'), not one a person chooses");
        }
    }
}
