namespace Relief.Workflows.Engine.Definitions;

/// <summary>
/// What a workflow's instances are: an aid case (filed at a branch, approved up the hierarchy, paid) or an allocation
/// plan (money and quota split by a unit among its children, approved by a second person, received by each child).
/// Each kind of node serves one subject or both (<see cref="Activities.ActivityKind.Subjects"/>); a definition names
/// its subject, a case's by default.
/// </summary>
public enum WorkflowSubject
{
    Case,
    AllocationPlan,
}

/// <summary>The names of the subjects as definitions write them.</summary>
public static class WorkflowSubjects
{
    public const string CaseName = "case";
    public const string AllocationPlanName = "allocationPlan";

    public static string NameOf(WorkflowSubject subject) => subject == WorkflowSubject.AllocationPlan ? AllocationPlanName : CaseName;

    public static WorkflowSubject? Parse(string? name) => name switch
    {
        null or CaseName => WorkflowSubject.Case,
        AllocationPlanName => WorkflowSubject.AllocationPlan,
        _ => null,
    };
}
