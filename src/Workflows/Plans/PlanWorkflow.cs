using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Runtime;

namespace Relief.Workflows.Plans;

/// <summary>
/// The shipped allocation workflow (<c>Plans/allocation-plan.json</c>): a review by a second finance officer
/// (approve, return, reject), a revision after a return, the allocation, each child's receipt. Checked like any
/// definition when first used; a plan keeps the version it started with.
/// </summary>
public static class PlanWorkflow
{
    public const int Version = 1;

    private static readonly Lazy<WorkflowRuntime> Shipped = new(() =>
    {
        var (definition, problems) = new EngineDefinitionReader(ActivityRegistry.Default).Read(Text, []);
        return definition is null
            ? throw new InvalidOperationException($"The shipped allocation workflow does not check: {string.Join("; ", problems)}")
            : new WorkflowRuntime(ActivityRegistry.Default, definition);
    });

    /// <summary>The definition's JSON text, as shipped.</summary>
    public static string Text
    {
        get
        {
            using var stream = typeof(PlanWorkflow).Assembly.GetManifestResourceStream("Relief.Workflows.Plans.allocation-plan.json")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public static WorkflowRuntime Runtime => Shipped.Value;
}
