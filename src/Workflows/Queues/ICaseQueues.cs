namespace Relief.Workflows.Queues;

/// <summary>
/// The per-unit inboxes of open tasks, kept as rows in the database so that a unit with tens of thousands
/// of cases pages and filters through an index instead of rewriting one large grain state (docs/adr/0005).
/// The case grain is the truth: its lines are written with its state, in one transaction (<see cref="ICaseRecords"/>,
/// docs/adr/0018); this is how they are read.
/// </summary>
public interface ICaseQueues
{
    /// <summary>The case a task belongs to, open or done; null for a task id never given out.</summary>
    Task<Guid?> CaseOfTask(Guid taskId, CancellationToken cancellationToken = default);

    Task<QueuePage> Read(QueueQuery query, CancellationToken cancellationToken = default);

    /// <summary>Cases waiting at a unit's sub-units past twice their deadline, longest-waiting first.</summary>
    Task<QueuePage> ReadEscalations(EscalationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Per programme, level and province: cases waiting for a decision, the oldest arrival, and how many are overdue at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<QueueDepth>> Depths(DateTimeOffset now, CancellationToken cancellationToken = default);
}
