using Relief.Workflows.Funds;

namespace Relief.Workflows.Queues;

/// <summary>
/// Why a case sits in a unit's inbox: a decision of its approvers (or its committee), an amendment by its clerk, or
/// another task (a visit, a hand-over); or a task of an allocation plan for the unit's finance staff (its review, its
/// revision, a child's receipt), whose line names the plan's unit as its branch and the plan's title as its name.
/// </summary>
public enum WaitingFor
{
    Decision,
    Amendment,
    Task,
    Allocation,
}

/// <summary>
/// One open task of a case at one unit: what an approver's or clerk's list shows before opening the case. A
/// case waiting for two tasks at one unit (a countersign by two offices) has two lines, one per task.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.QueueEntry")]
public sealed record QueueEntry(
    [property: Id(0)] Guid CaseId,
    [property: Id(1)] Guid ProgrammeId,
    [property: Id(2)] string UnitCode,
    [property: Id(3)] WaitingFor WaitingFor,
    [property: Id(4)] string BranchCode,
    [property: Id(5)] string Category,
    [property: Id(6)] Money Amount,
    [property: Id(7)] string MaskedName,
    [property: Id(8)] DateTimeOffset WaitingSince,
    [property: Id(9)] int CaseVersion,
    [property: Id(10)] DateTimeOffset? DueAt = null,
    [property: Id(11)] DateTimeOffset? EscalatesAt = null,
    [property: Id(12)] Guid TaskId = default,
    [property: Id(13)] string Node = "",
    [property: Id(14)] string Title = "",
    [property: Id(15)] IReadOnlyList<string>? Roles = null)
{
    /// <summary>Whether the case has waited longer than its step's service deadline.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => DueAt is { } due && now >= due;
}

/// <summary>A page of a queue, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("Relief.QueuePage")]
public sealed record QueuePage(
    [property: Id(0)] IReadOnlyList<QueueEntry> Items,
    [property: Id(1)] int Total);

/// <summary>Which part of a queue to read; with <paramref name="OverdueAt"/>, only the cases overdue at that instant.</summary>
public sealed record QueueQuery(
    Guid ProgrammeId,
    string UnitCode,
    WaitingFor WaitingFor,
    string? Category,
    string? BranchCode,
    int Offset,
    int Limit,
    DateTimeOffset? OverdueAt = null);

/// <summary>
/// The cases waiting at the direct sub-units of <paramref name="ParentCode"/> for more than twice their step's
/// service deadline at <paramref name="At"/>: the parent's escalations.
/// </summary>
public sealed record EscalationQuery(Guid ProgrammeId, string ParentCode, DateTimeOffset At, int Offset, int Limit);

/// <summary>How deep the queues of one level of one province are in one programme (for the ops metrics).</summary>
public sealed record QueueDepth(Guid ProgrammeId, Hierarchy.OrgLevel Level, string ProvinceCode, int Waiting, DateTimeOffset? OldestSince, int Overdue);
