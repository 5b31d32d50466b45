namespace Relief.Workflows.Queues;

/// <summary>
/// The per-unit queues of waiting cases, kept as rows in the database so that a unit with tens of thousands
/// of cases pages and filters through an index instead of rewriting one large grain state (docs/adr/0005).
/// The case grain is the truth; it writes the new entry before its own state and removes the old one after,
/// so a queue may briefly hold a stale entry but never misses a waiting case. A stale entry is removed when
/// an approver opens it.
/// </summary>
public interface ICaseQueues
{
    Task Put(QueueEntry entry, CancellationToken cancellationToken = default);

    Task Remove(Guid caseId, string unitCode, CancellationToken cancellationToken = default);

    /// <summary>Removes every entry of the case except the one at <paramref name="keepUnit"/> (all of them when null), in one statement.</summary>
    Task RemoveAllExcept(Guid caseId, string? keepUnit, CancellationToken cancellationToken = default);

    Task<QueuePage> Read(QueueQuery query, CancellationToken cancellationToken = default);

    /// <summary>Cases waiting at a unit's sub-units past twice their deadline, longest-waiting first.</summary>
    Task<QueuePage> ReadEscalations(EscalationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Per programme and level: cases waiting for a decision, the oldest arrival, and how many are overdue at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<QueueDepth>> Depths(DateTimeOffset now, CancellationToken cancellationToken = default);
}
