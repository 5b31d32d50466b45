using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Queues;

namespace Relief.Workflows.Plans;

/// <summary>One step of a plan's journal: when, which node and what came of it, who, and why.</summary>
[GenerateSerializer, Immutable, Alias("Relief.PlanJournalEntry")]
public sealed record PlanJournalEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Node,
    [property: Id(2)] string Kind,
    [property: Id(3)] string? Outcome,
    [property: Id(4)] string Actor,
    [property: Id(5)] string? Detail);

/// <summary>
/// An approval being carried out: the instance and journal the step will have once the unit's quota and account have
/// allocated, kept until they answer, so that a silo lost in between finishes the step (or refuses it) when woken.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.PlanExecution")]
public sealed record PlanExecution(
    [property: Id(0)] InstanceState After,
    [property: Id(1)] IReadOnlyList<PlanJournalEntry> Journal,
    [property: Id(2)] Common.Actor Approver);

/// <summary>
/// What an allocation plan grain persists: what the plan says, who prepared and submitted it, the workflow instance it
/// runs, its journal, and each child's allocation once carried out. Stored by the instances' storage with its inbox
/// lines and its recovery wake-up in one transaction (as a case is, ADR 18; the plan is no filed case, so no index).
/// </summary>
[GenerateSerializer, Alias("Relief.PlanState")]
public sealed class PlanState : ICaseRecords
{
    [Id(0)] public Guid ProgrammeId { get; set; }
    [Id(1)] public string UnitCode { get; set; } = "";
    [Id(2)] public PlanContent? Content { get; set; }
    [Id(3)] public Common.Actor? PreparedBy { get; set; }
    [Id(4)] public DateTimeOffset PreparedAt { get; set; }

    /// <summary>Who submitted what the plan says now (the preparer, or whoever revised it after a return): not its approver.</summary>
    [Id(5)] public Common.Actor? SubmittedBy { get; set; }
    [Id(6)] public InstanceState? Instance { get; set; }
    [Id(7)] public List<PlanJournalEntry> Journal { get; set; } = [];
    [Id(8)] public PlanExecution? Executing { get; set; }

    /// <summary>Each child's allocation id, once the plan was carried out.</summary>
    [Id(9)] public Dictionary<string, Guid> Allocations { get; set; } = [];

    /// <summary>Children whose receipt was confirmed before the plan had recorded its allocation (a silo lost in between).</summary>
    [Id(10)] public HashSet<string> ConfirmedEarly { get; set; } = [];
    [Id(11)] public int Version { get; set; }
    [Id(12)] public DateTimeOffset? WakeAt { get; set; }
    [Id(13)] public List<QueueEntry> InboxLines { get; set; } = [];

    IReadOnlyList<QueueEntry>? ICaseRecords.InboxLines => InboxLines;

    CaseIndex? ICaseRecords.Index => null;

    CaseRecordChanges? ICaseRecords.Changes => null;
}
