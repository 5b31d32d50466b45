namespace Relief.Workflows.Engine.Timers;

/// <summary>A grain that a due time wakes: it works out from its own state what is due, and sets its next wake-up.</summary>
[Alias("Relief.IWakeable")]
public interface IWakeable : IGrain
{
    [Alias("Wake")]
    Task Wake();
}

/// <summary>A row of the wake-ups: which grain, and when it is next due.</summary>
public sealed record Wakeup(GrainId Grain, DateTimeOffset DueAt);

/// <summary>
/// What one shard's sweeper has not fired yet at an instant (for the ops metrics): wake-ups whose due time has passed
/// (<paramref name="Due"/>, the earliest due at <paramref name="OldestDueAt"/>), and wake-ups due at once — a step's
/// recovery or an incident's retry, written at the earliest instant — still waiting for a sweep (<paramref name="AtOnce"/>).
/// </summary>
public sealed record WakeupLag(int Shard, int Due, DateTimeOffset? OldestDueAt, int AtOnce);

/// <summary>
/// When each waiting grain is next due, as one row per grain in the database (ADR 16): a season's 100,000 waiting
/// cases are 100,000 rows and a few sweeper grains, not 100,000 reminders. A grain schedules its row when its earliest
/// due time changes, and clears it when nothing is due; a sweeper reads its shard's due rows and wakes each grain.
/// </summary>
public interface IWakeups
{
    public const int Shards = 8;

    /// <summary>Sets (or with null clears) when <paramref name="grain"/> is next due.</summary>
    Task Schedule(GrainId grain, DateTimeOffset? dueAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// The recovery wake-up of a step that will record <paramref name="version"/> and first asks grains that may
    /// refuse it (a quota place, money): due at <paramref name="at"/> unless due earlier, so that a silo dying
    /// between their answer and the step's write leaves a case that wakes and gives back what it never recorded.
    /// </summary>
    Task HoldForStep(GrainId grain, int version, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Sets the wake-up to <paramref name="dueAt"/> (null clears it) if the step that recorded <paramref name="version"/> holds it still.</summary>
    Task ReleaseStep(GrainId grain, int version, DateTimeOffset? dueAt, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> grains of <paramref name="shard"/> due at <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<Wakeup>> Due(int shard, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every shard's wake-ups due by <paramref name="now"/> and not fired yet, in one grouped read (every shard listed, idle ones with zeros).</summary>
    Task<IReadOnlyList<WakeupLag>> Lag(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The shard a grain's row belongs to: stable across silos and restarts.</summary>
    public static int ShardOf(GrainId grain) => (int)(grain.GetUniformHashCode() % Shards);
}
