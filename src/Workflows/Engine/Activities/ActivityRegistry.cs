namespace Relief.Workflows.Engine.Activities;

/// <summary>
/// The activity kinds a definition may use, by name: the one place a kind is wired. A new kind is one class
/// deriving from <see cref="ActivityKind"/>, added here, with its tests (ADR 15).
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityKind> _kinds;

    public ActivityRegistry(IEnumerable<ActivityKind> kinds) => _kinds = kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static ActivityRegistry Default { get; } = new(
    [
        new ApproveActivity(), new TaskActivity(), new DecideActivity(), new ForkActivity(), new JoinActivity(), new TimerActivity(),
        new FollowUpsActivity(), new NoticeActivity(), new ReserveActivity(), new ReleaseActivity(), new PayActivity(), new EndActivity(),
        new AllocateActivity(), new ReceiptsActivity(),
    ]);

    public IReadOnlyCollection<ActivityKind> Kinds => _kinds.Values;

    public ActivityKind? Find(string name) => _kinds.GetValueOrDefault(name);

    /// <summary>The kinds a workflow of <paramref name="subject"/> may use, by name.</summary>
    public IReadOnlyList<ActivityKind> KindsFor(Definitions.WorkflowSubject subject) =>
        [.. _kinds.Values.Where(k => k.Subjects.Contains(subject)).OrderBy(k => k.Name, StringComparer.Ordinal)];

    /// <summary>A kind a workflow of <paramref name="subject"/> may use; null when there is none of that name for it.</summary>
    public ActivityKind? Find(string name, Definitions.WorkflowSubject subject) =>
        Find(name) is { } kind && kind.Subjects.Contains(subject) ? kind : null;
}
