namespace Relief.Workflows.Queues;

/// <summary>
/// The per-unit inboxes of open tasks, kept as rows in the database so that a unit with tens of thousands
/// of cases pages and filters through an index instead of rewriting one large grain state (docs/adr/0005).
/// The case grain is the truth. Each step of a case is bracketed by two statements (docs/adr/0017):
/// <see cref="Prepare"/> before the case's own write puts the lines of the tasks it will wait for and a wake-up
/// shortly after, so that a silo dying in the step leaves a case that wakes by itself and puts every record
/// right; <see cref="Settle"/> after it removes the lines of the tasks that closed and sets the case's next
/// real wake-up (or none).
/// </summary>
public interface ICaseQueues
{
    /// <summary>Puts <paramref name="lines"/> (one per open task) and sets the case's wake-up to <paramref name="recoverAt"/> unless it is due earlier.</summary>
    Task Prepare(Guid caseId, GrainId grain, IReadOnlyList<QueueEntry> lines, DateTimeOffset recoverAt, CancellationToken cancellationToken = default);

    /// <summary>Removes the case's lines but those of <paramref name="openTasks"/>, and sets (or with null clears) its wake-up.</summary>
    Task Settle(Guid caseId, GrainId grain, IReadOnlyCollection<Guid> openTasks, DateTimeOffset? wakeAt, CancellationToken cancellationToken = default);

    /// <summary>The case a task belongs to, open or done; null for a task id never given out.</summary>
    Task<Guid?> CaseOfTask(Guid taskId, CancellationToken cancellationToken = default);

    Task<QueuePage> Read(QueueQuery query, CancellationToken cancellationToken = default);

    /// <summary>Cases waiting at a unit's sub-units past twice their deadline, longest-waiting first.</summary>
    Task<QueuePage> ReadEscalations(EscalationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Per programme and level: cases waiting for a decision, the oldest arrival, and how many are overdue at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<QueueDepth>> Depths(DateTimeOffset now, CancellationToken cancellationToken = default);
}
