using System.Diagnostics;

namespace Relief.Bench.Hosting;

/// <summary>
/// The domain clock of a benchmarked season: it starts on a chosen day and runs at real speed, and the harness
/// can jump it forward past a notice window. Timers keep real time, as Orleans' reminders do.
/// </summary>
public sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private long _jumpedTicks;

    public override DateTimeOffset GetUtcNow() =>
        start + Stopwatch.GetElapsedTime(_startedAt) + TimeSpan.FromTicks(Interlocked.Read(ref _jumpedTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _jumpedTicks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);
}
