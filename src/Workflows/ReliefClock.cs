namespace Relief.Workflows;

/// <summary>
/// The clock of the domain (programme dates, notice windows, journals), kept apart from the clock Orleans runs
/// on: tests and the benchmark move this one past a window's end while membership and reminders keep real time.
/// </summary>
public sealed class ReliefClock(TimeProvider inner) : TimeProvider
{
    public static ReliefClock RealTime { get; } = new(System);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
