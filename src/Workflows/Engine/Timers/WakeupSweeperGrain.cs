using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Relief.Workflows.Engine.Timers;

/// <summary>One shard's sweeper of due wake-ups (key: the shard number).</summary>
[Alias("Relief.IWakeupSweeperGrain")]
public interface IWakeupSweeperGrain : IGrainWithIntegerKey
{
    /// <summary>Registers (or renews) the sweeper's reminder; every silo asks at start.</summary>
    [Alias("EnsureRunning")]
    Task EnsureRunning();

    /// <summary>Wakes every grain of the shard that is due now by the domain clock; returns how many were woken.</summary>
    [Alias("SweepNow")]
    Task<int> SweepNow();
}

/// <summary>How often each shard is swept.</summary>
public sealed class WakeupOptions
{
    /// <summary>One minute (Orleans' reminder floor): a due time is acted on within a minute of it, or of the restart after it.</summary>
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Sweeps one shard of wake-ups every <see cref="WakeupOptions.SweepPeriod"/> on a durable reminder: single activation in the cluster
/// means one sweeper per shard wherever it lives, and the rows (not the reminder ticks) say what is due, so a
/// tick missed while the cluster was down is made good by the next. Waking is idempotent: the woken grain does
/// only what its state says is due, and moves or clears its own row.
/// </summary>
public sealed class WakeupSweeperGrain(IWakeups wakeups, ReliefClock clock, IOptions<WakeupOptions> options, ILogger<WakeupSweeperGrain> logger)
    : Grain, IWakeupSweeperGrain, IRemindable
{
    private const string Reminder = "sweep";
    private const int Batch = 500;

    public async Task EnsureRunning()
    {
        // Registered again at each silo start (eight small writes), so a changed period takes effect.
        var period = options.Value.SweepPeriod;
        await this.RegisterOrUpdateReminder(Reminder, period, period);
    }

    public async Task<int> SweepNow()
    {
        var shard = (int)this.GetPrimaryKeyLong();
        var woken = 0;
        IReadOnlyList<Wakeup> due;
        do
        {
            due = await wakeups.Due(shard, clock.GetUtcNow(), Batch);
            var failed = 0;
            foreach (var wakeup in due)
            {
                try
                {
                    await GrainFactory.GetGrain<IWakeable>(wakeup.Grain).Wake();
                    woken++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The row stays: the next sweep wakes it again.
                    failed++;
                    logger.LogWarning(ex, "Waking {Grain} (due {DueAt}) failed; it is woken again at the next sweep", wakeup.Grain, wakeup.DueAt);
                }
            }
            if (failed > 0)
            {
                break;
            }
        }
        while (due.Count == Batch);
        return woken;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == Reminder)
        {
            await SweepNow();
        }
    }
}

/// <summary>Makes sure every shard's sweeper is running once the silo is active.</summary>
public sealed class WakeupSweepers(IGrainFactory grains, ILogger<WakeupSweepers> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(WakeupSweepers), ServiceLifecycleStage.Active, async _ =>
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, IWakeups.Shards).Select(shard => grains.GetGrain<IWakeupSweeperGrain>(shard).EnsureRunning()));
        }
        catch (Exception ex)
        {
            // Another silo (or the next start) registers them; a silo that cannot must still start.
            logger.LogWarning(ex, "Could not make sure the wake-up sweepers run");
        }
    });
}
