using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;

namespace Relief.Workflows.Cases;

/// <summary>Where a case stands.</summary>
public enum CaseStatus
{
    /// <summary>Waiting for the decision of the unit at its current step.</summary>
    Waiting,

    /// <summary>Returned to the branch for correction; the clerk may amend and re-file it.</summary>
    Returned,

    /// <summary>Rejected: final.</summary>
    Rejected,

    /// <summary>Approved at the last level of its route; its amount is reserved at its branch.</summary>
    Approved,

    /// <summary>On a published notice list whose window is open: not payable yet.</summary>
    Noticed,

    /// <summary>An objection against it is open: the rest of its list carries on.</summary>
    Suspended,

    /// <summary>Its notice window closed with no objection upheld (or it needed none): payable.</summary>
    Payable,

    /// <summary>Paid to the household.</summary>
    Paid,

    /// <summary>Its workflow finished without a payment (a visit programme's case, or a returned case withdrawn).</summary>
    Closed,
}

/// <summary>How a household was paid.</summary>
public enum PaymentMethod
{
    BankTransfer,
    Cash,
    Goods,
}

/// <summary>
/// One step taken: who, where, when, what, from which state to which (the case's journal); for a step of the
/// workflow also its node, its outcome and the answers given (as the form's field names and their values).
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.CaseJournalEntry")]
public sealed record CaseJournalEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Unit,
    [property: Id(3)] string Step,
    [property: Id(4)] string From,
    [property: Id(5)] string To,
    [property: Id(6)] string? Comment,
    [property: Id(7)] string? Node = null,
    [property: Id(8)] string? Outcome = null,
    [property: Id(9)] IReadOnlyDictionary<string, string>? Answers = null,
    [property: Id(10)] string? TraceId = null)
{
    /// <summary>The trace the step ran in (W3C trace id), so that ops can open it in their tracing UI; null outside a trace.</summary>
    public static string? CurrentTrace() => System.Diagnostics.Activity.Current is { } activity ? activity.TraceId.ToHexString() : null;
}

/// <summary>A task completed: by whom and with which outcome, so that completing it again returns the first result.</summary>
[GenerateSerializer, Immutable, Alias("Relief.CompletedTask")]
public sealed record CompletedTask(
    [property: Id(0)] string Outcome,
    [property: Id(1)] string By);

/// <summary>A step that faulted, kept on the case until it is retried successfully.</summary>
[GenerateSerializer, Immutable, Alias("Relief.CaseIncident")]
public sealed record CaseIncident(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Step,
    [property: Id(2)] string Error,
    [property: Id(3)] DateTimeOffset? ResolvedAt);

/// <summary>A paid case vetoed by a spot check: its money is to be recovered from the household.</summary>
[GenerateSerializer, Immutable, Alias("Relief.RecoveryFlag")]
public sealed record RecoveryFlag(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string Reason,
    [property: Id(3)] Guid SpotCheckId);

/// <summary>
/// What a case grain persists: the application, the workflow instance it runs (ADR 15), what it holds elsewhere
/// (quota places, money set aside, a notice list), the intents not yet acknowledged, and its journal.
/// <see cref="Status"/> is worked out from the instance after every step and kept for reading.
/// </summary>
[GenerateSerializer, Alias("Relief.CaseState")]
public sealed class CaseState : Queues.ICaseRecords
{
    [Id(0)] public CaseApplication? Application { get; set; }
    [Id(1)] public Money Amount { get; set; }
    [Id(2)] public List<GoodsItem> Goods { get; set; } = [];
    [Id(3)] public int DefinitionVersion { get; set; }
    [Id(4)] public List<OrgLevel> Route { get; set; } = [];
    [Id(5)] public int Step { get; set; }
    [Id(6)] public CaseStatus Status { get; set; }
    [Id(7)] public int Version { get; set; }
    [Id(8)] public DateTimeOffset WaitingSince { get; set; }
    [Id(9)] public List<string> QuotaPlaces { get; set; } = [];
    [Id(10)] public List<CaseJournalEntry> Journal { get; set; } = [];
    [Id(11)] public List<CaseIncident> Incidents { get; set; } = [];
    [Id(12)] public Definitions.NoticeRule? Notice { get; set; }
    [Id(13)] public Guid? NoticeList { get; set; }
    [Id(14)] public List<Definitions.ServiceDeadline> Deadlines { get; set; } = [];
    [Id(15)] public RecoveryFlag? Recovery { get; set; }
    [Id(16)] public Engine.Runtime.InstanceState? Instance { get; set; }

    /// <summary>Effects recorded with the step that asked for them and not yet acknowledged: sent again until they are.</summary>
    [Id(17)] public List<CaseIntent> Intents { get; set; } = [];

    /// <summary>Whether the case's amount is set aside in its branch's book (reserved, and not yet released or paid).</summary>
    [Id(18)] public bool MoneyReserved { get; set; }

    [Id(19)] public bool Paid { get; set; }

    [Id(20)] public Dictionary<Guid, CompletedTask> CompletedTasks { get; set; } = [];

    /// <summary>When each open task arrived (its inbox line's waiting time).</summary>
    [Id(21)] public Dictionary<Guid, DateTimeOffset> TaskSince { get; set; } = [];

    /// <summary>Whether an objection against the case is open (its notice waits for the objection's outcome).</summary>
    [Id(22)] public bool Suspended { get; set; }

    /// <summary>Whether the case passed a public notice: payable, not just approved, when its payment waits.</summary>
    [Id(23)] public bool NoticeClosed { get; set; }

    /// <summary>
    /// When the case is next due: its earliest timer or timeout, or at once while an intent or an incident waits for
    /// a retry. Written with the state (ADR 18), so the wake-up row says what the stored state says — except while
    /// a step that asks other grains holds a recovery wake-up of its own.
    /// </summary>
    [Id(24)] public DateTimeOffset? WakeAt { get; set; }

    /// <summary>The inbox lines of the open tasks, written with the state (ADR 18); null in a state stored before schema 8.</summary>
    [Id(25)] public List<Queues.QueueEntry>? InboxLines { get; set; }

    /// <summary>The last workflow migration that moved the case: a batch run again after a crash does not move it twice.</summary>
    [Id(26)] public Guid? LastMigration { get; set; }

    /// <summary>The programme keeps stock: the case's goods are set aside at approval and issued at the hand-over (or the payment).</summary>
    [Id(27)] public bool GoodsFromStock { get; set; }

    IReadOnlyList<Queues.QueueEntry>? Queues.ICaseRecords.InboxLines => InboxLines;

    Queues.CaseIndex? Queues.ICaseRecords.Index => Application is null ? null : new(
        Application.ProgrammeId,
        Application.BranchCode,
        Status.ToString(),
        DefinitionVersion,
        [.. (Instance?.Bookmarks ?? []).Select(b => b.Node).Distinct(StringComparer.Ordinal)],
        // Overdue as the inbox says (a step's service deadline), or when a timeout falls due.
        (InboxLines ?? []).Select(line => line.DueAt).Concat((Instance?.Bookmarks ?? []).Select(b => b.DueAt)).Where(due => due is not null).Min(),
        Incidents.Count(i => i.ResolvedAt is null),
        Intents.Count,
        Journal.Count > 0 ? Journal[0].At : WaitingSince);

    /// <summary>Set before each write by the case grain, never stored: what the storage must change in the records.</summary>
    [NonSerialized]
    private Queues.CaseRecordChanges? _changes;

    internal void Changing(Queues.CaseRecordChanges? changes) => _changes = changes;

    Queues.CaseRecordChanges? Queues.ICaseRecords.Changes => _changes;
}
