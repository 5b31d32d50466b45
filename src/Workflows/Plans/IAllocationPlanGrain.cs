using Relief.Workflows.Common;

namespace Relief.Workflows.Plans;

/// <summary>Where a plan stands, as its finance staff read it.</summary>
public enum PlanStatus
{
    /// <summary>Waiting for a second finance officer of the unit to approve, return or reject it.</summary>
    InReview,

    /// <summary>Returned to be revised (and submitted again, or withdrawn).</summary>
    Returned,

    /// <summary>Approved, its money and quota being allocated.</summary>
    Executing,

    /// <summary>Allocated: waiting for the children to confirm receipt.</summary>
    AwaitingReceipts,

    /// <summary>Every child confirmed receipt.</summary>
    Allocated,

    /// <summary>Rejected in review, or withdrawn after a return: nothing was allocated.</summary>
    Withdrawn,
}

/// <summary>An open task of a plan: at the plan's unit (its review or revision) or at one child (its receipt).</summary>
[GenerateSerializer, Immutable, Alias("Relief.PlanTask")]
public sealed record PlanTask(
    [property: Id(0)] Guid TaskId,
    [property: Id(1)] string Node,
    [property: Id(2)] string Title,
    [property: Id(3)] string Unit,
    [property: Id(4)] IReadOnlyList<string> Outcomes,
    [property: Id(5)] DateTimeOffset? DueAt,
    [property: Id(6)] DateTimeOffset Since);

/// <summary>A plan as its pages show it.</summary>
[GenerateSerializer, Immutable, Alias("Relief.PlanView")]
public sealed record PlanView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ProgrammeId,
    [property: Id(2)] string UnitCode,
    [property: Id(3)] PlanContent Content,
    [property: Id(4)] PlanStatus Status,
    [property: Id(5)] string PreparedBy,
    [property: Id(6)] DateTimeOffset PreparedAt,
    [property: Id(7)] string SubmittedBy,
    [property: Id(8)] IReadOnlyList<PlanTask> Tasks,
    [property: Id(9)] IReadOnlyDictionary<string, Guid> Allocations,
    [property: Id(10)] IReadOnlyList<string> Received,
    [property: Id(11)] IReadOnlyList<PlanJournalEntry> Journal,
    [property: Id(12)] int Version);

/// <summary>
/// One allocation plan (key: its id): an instance of the shipped allocation workflow (<see cref="PlanWorkflow"/>) —
/// prepared by a finance officer of a unit, reviewed by another, carried out once by the unit's quota and account,
/// each child's receipt a task in that child's inbox.
/// </summary>
[Alias("Relief.IAllocationPlanGrain")]
public interface IAllocationPlanGrain : IGrainWithGuidKey, Engine.Timers.IWakeable
{
    [Alias("Prepare")]
    Task<CommandResult> Prepare(Guid programmeId, string unitCode, PlanContent content, Actor actor);

    /// <summary>
    /// The plan's open task at its own unit completed with one of its outcomes: a review's approve, return or reject (the
    /// one who submitted the plan may not approve it), a revision's resubmit (with the revised content) or withdraw.
    /// </summary>
    [Alias("Decide")]
    Task<CommandResult> Decide(string outcome, PlanContent? revised, string? note, Actor actor);

    /// <summary>Told by the unit's account that a child confirmed its allocation: that child's receipt task closes.</summary>
    [Alias("ReceiptConfirmed")]
    Task ReceiptConfirmed(string child, Guid allocationId);

    [Alias("Describe")]
    Task<PlanView?> Describe();
}

/// <summary>The plans prepared at one unit in one programme (key <c>plans/{programme}/{unit}</c>), newest first.</summary>
[Alias("Relief.IPlanRegisterGrain")]
public interface IPlanRegisterGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(Guid planId);

    [Alias("Plans")]
    Task<IReadOnlyList<Guid>> Plans();
}

public static class PlanKeys
{
    public static string RegisterOf(Guid programmeId, string unitCode) => $"plans/{programmeId:N}/{unitCode}";
}
