namespace Relief.Workflows.Queues;

/// <summary>
/// What changed in a case's records since this activation last wrote them (ADR 18), so the storage writes only
/// that: lines put (new tasks, and open ones whose line changed — every line carries the case's version), the
/// tasks that are new (recorded for good in <c>relief_task</c>), the tasks whose lines go, and whether the wake-up moved.
/// </summary>
public sealed record CaseRecordChanges(
    IReadOnlyList<QueueEntry> Put,
    IReadOnlySet<Guid> NewTasks,
    IReadOnlyList<Guid> Removed,
    bool WakeChanged)
{
    public bool None => Put.Count == 0 && Removed.Count == 0 && !WakeChanged;

    /// <summary>The changes from the records last written to <paramref name="lines"/> and <paramref name="wakeAt"/>.</summary>
    public static CaseRecordChanges Between(IReadOnlyDictionary<Guid, QueueEntry> written, DateTimeOffset? writtenWake, IReadOnlyList<QueueEntry> lines, DateTimeOffset? wakeAt) => new(
        [.. lines.Where(line => !written.TryGetValue(line.TaskId, out var before) || !SameLine(before, line))],
        lines.Where(line => !written.ContainsKey(line.TaskId)).Select(line => line.TaskId).ToHashSet(),
        [.. written.Keys.Where(task => lines.All(line => line.TaskId != task))],
        writtenWake != wakeAt);

    // A record's generated equality compares its roles list by reference; a line's roles are compared by content.
    private static bool SameLine(QueueEntry a, QueueEntry b) =>
        a with { Roles = null } == b with { Roles = null } && (a.Roles ?? []).SequenceEqual(b.Roles ?? []);
}
