using System.Text.Json.Nodes;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Definitions;

namespace Relief.Workflows.Engine.Activities;

/// <summary>
/// A kind of node a definition may use (<c>approve</c>, <c>task</c>, <c>decide</c>, …): its name, what it is for,
/// the JSON schema of its settings, the outcomes a node of it has, and what it checks that a schema cannot say.
/// One small class per kind; <see cref="ActivityRegistry"/> is the only place a kind is wired.
/// </summary>
public abstract class ActivityKind
{
    /// <summary>The name a definition uses in <c>"kind"</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line for the designer's palette and the schema's description.</summary>
    public abstract string Summary { get; }

    /// <summary>The kind's settings: property name → JSON schema (besides <c>kind</c>, <c>title</c> and <c>next</c>).</summary>
    public abstract IReadOnlyDictionary<string, JsonObject> Settings { get; }

    /// <summary>The settings a node of the kind must give.</summary>
    public virtual IReadOnlyList<string> RequiredSettings => [];

    /// <summary>The settings a node of the kind must give in a workflow of <paramref name="subject"/>.</summary>
    public virtual IReadOnlyList<string> RequiredSettingsIn(WorkflowSubject subject) => RequiredSettings;

    /// <summary>What workflows the kind may be used in: cases only, unless it says otherwise.</summary>
    public virtual IReadOnlyCollection<WorkflowSubject> Subjects => CaseOnly;

    /// <summary>Kinds that mean the same for a case and for an allocation plan (a task, a decision, a fork, an end).</summary>
    protected static IReadOnlyCollection<WorkflowSubject> Both { get; } = [WorkflowSubject.Case, WorkflowSubject.AllocationPlan];

    protected static IReadOnlyCollection<WorkflowSubject> CaseOnly { get; } = [WorkflowSubject.Case];

    protected static IReadOnlyCollection<WorkflowSubject> PlanOnly { get; } = [WorkflowSubject.AllocationPlan];

    /// <summary>Whether a token stops here until a person, a timer or another grain answers (false: it passes straight on).</summary>
    public abstract bool Waits { get; }

    /// <summary>
    /// Whether people of the node's unit do it from their inbox: it gets an inbox line, and is completed by its task
    /// id with one of its outcomes and the answers to its <c>form</c> (if it declares one).
    /// </summary>
    public virtual bool DoneFromInbox => false;

    /// <summary>The outcomes a node of this kind has, each of which its <c>next</c> must wire.</summary>
    public abstract IReadOnlyList<string> Outcomes(NodeDefinition node);

    /// <summary>What is wrong with a node's settings beyond their schema (the schema has been met).</summary>
    public virtual IEnumerable<DefinitionProblem> Check(NodeDefinition node, DefinitionContext context) => [];
}

/// <summary>What a kind's check may look at: the whole definition, the programme's categories and the fields conditions may name.</summary>
public sealed record DefinitionContext(
    EngineDefinition Definition,
    IReadOnlyCollection<string> Categories,
    IReadOnlyDictionary<string, Expressions.ValueType> Fields);
