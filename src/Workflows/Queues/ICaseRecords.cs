namespace Relief.Workflows.Queues;

/// <summary>
/// The records that follow a case's state (ADR 18): the inbox lines of its open tasks and its next wake-up. The
/// case storage commits them in the same transaction as the state, so a crash can never leave an inbox line for
/// a case that does not wait there, nor a waiting case without its line.
/// </summary>
public interface ICaseRecords
{
    /// <summary>The case's version, which the wake-up row remembers (see <c>IWakeups.ReleaseStep</c>).</summary>
    int Version { get; }

    /// <summary>One line per open task done at a unit; null for a state written before the records followed it (its lines are left alone).</summary>
    IReadOnlyList<QueueEntry>? InboxLines { get; }

    /// <summary>When the case is next due (a timer, a timeout, a retry); null for never.</summary>
    DateTimeOffset? WakeAt { get; }

    /// <summary>What the case is found by (ADR 19); null for a state that is not a filed case.</summary>
    CaseIndex? Index { get; }

    /// <summary>What changed since the records were last written; null: write them whole (every other line of the case removed, the wake-up set).</summary>
    CaseRecordChanges? Changes { get; }
}
