using System.Globalization;
using Microsoft.Extensions.Options;
using Relief.Workflows;
using Relief.Workflows.Engine.Timers;

namespace Relief.Silo.Telemetry;

/// <summary>
/// Timer lag per sweeper shard, read from the wake-up table: wake-ups whose due time has passed and that have not fired,
/// how long ago the oldest was due, and the wake-ups due at once still waiting for a sweep. A sweep runs every minute,
/// so a lag of up to a minute is normal; more means a sweeper that does not run or a grain that cannot be woken.
/// </summary>
public sealed class WakeupGauges : TableGauges<WakeupLag>
{
    public const string MeterName = "Relief.Wakeups";
    public const string Shard = "relief.shard";

    private readonly IWakeups _wakeups;

    public WakeupGauges(IWakeups wakeups, ReliefClock clock, IOptions<TableGaugeOptions> options, ILogger<WakeupGauges> logger)
        : base(MeterName, clock, options, logger)
    {
        _wakeups = wakeups;
        Meter.CreateObservableGauge("relief.wakeups.due", () => Measure(lag => lag.Due, Tags), "{wakeup}",
            "Wake-ups (timers, deadlines) due before now and not fired yet, per sweeper shard.");
        Meter.CreateObservableGauge("relief.wakeups.oldest_lag", () => Measure(lag => lag.OldestDueAt is { } due ? Math.Max(0, (Clock.GetUtcNow() - due).TotalSeconds) : 0, Tags), "s",
            "How long ago the oldest wake-up not fired yet was due, per sweeper shard (0 when none is).");
        Meter.CreateObservableGauge("relief.wakeups.at_once", () => Measure(lag => lag.AtOnce, Tags), "{wakeup}",
            "Wake-ups due at once (a step's recovery, an incident's retry) waiting for a sweep, per sweeper shard.");
    }

    protected override Task<IReadOnlyList<WakeupLag>> Read(DateTimeOffset now, CancellationToken cancellationToken) => _wakeups.Lag(now, cancellationToken);

    private static KeyValuePair<string, object?>[] Tags(WakeupLag lag) => [new(Shard, lag.Shard.ToString(CultureInfo.InvariantCulture))];
}
