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
    ]);

    public IReadOnlyCollection<ActivityKind> Kinds => _kinds.Values;

    public ActivityKind? Find(string name) => _kinds.GetValueOrDefault(name);
}
