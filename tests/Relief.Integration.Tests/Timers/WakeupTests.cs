using Orleans.TestingHost;
using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Workflows.Engine.Timers;

namespace Relief.Integration.Tests.Timers;

/// <summary>
/// Due times as rows swept by a few sweeper grains (ADR 16): each fires once by the domain clock, after a restart
/// too, and a thousand waiting grains cost rows, not reminders.
/// </summary>
public sealed class WakeupTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8));

    private static async Task<int> SweepAll(TestCluster cluster) =>
        (await Task.WhenAll(Enumerable.Range(0, IWakeups.Shards).Select(s => cluster.GrainFactory.GetGrain<IWakeupSweeperGrain>(s).SweepNow()))).Sum();

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task A_due_time_wakes_its_grain_once_and_never_before_it_is_due(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        await using var cluster = await ReliefClusters.Start(storage, fakeClock: Start);
        var alarms = Enumerable.Range(0, 40).Select(_ => cluster.GrainFactory.GetGrain<IAlarmGrain>(Guid.NewGuid())).ToList();
        for (var i = 0; i < alarms.Count; i++)
        {
            await alarms[i].Arm(Start.AddDays(i < 20 ? 1 : 3));
        }

        Assert.Equal(0, await SweepAll(cluster));
        cluster.Advance(TimeSpan.FromDays(2));
        Assert.Equal(20, await SweepAll(cluster));
        Assert.Equal(0, await SweepAll(cluster));
        cluster.Advance(TimeSpan.FromDays(2));
        await SweepAll(cluster);
        await SweepAll(cluster);

        Assert.All(await Task.WhenAll(alarms.Select(a => a.Fired())), fired => Assert.Equal(1, fired));
        Assert.Equal(0L, await storage.Scalar<long>("SELECT count(*) FROM relief_wakeup"));
    }

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task A_due_time_armed_before_a_restart_fires_once_after_it_by_the_sweepers_own_reminder(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        var id = Guid.NewGuid();
        var first = await ReliefClusters.Start(storage, fakeClock: Start);
        await first.GrainFactory.GetGrain<IAlarmGrain>(id).Arm(Start.AddDays(3));
        await first.StopAllSilosAsync();
        await first.DisposeAsync();

        // The new cluster's clock is already past the due time: the reminder (2 s in the tests) finds the row.
        await using var second = await ReliefClusters.Start(storage, fakeClock: Start.AddDays(4));
        var alarm = second.GrainFactory.GetGrain<IAlarmGrain>(id);
        var fired = await Eventually.Get(alarm.Fired, n => n > 0, TimeSpan.FromSeconds(60));
        await SweepAll(second);

        Assert.Equal(1, fired);
        Assert.Equal(1, await alarm.Fired());
    }

    [SkippableFact]
    public async Task A_thousand_waiting_grains_are_a_thousand_rows_and_eight_reminders()
    {
        await using var storage = await TestStorage.Create(StorageMode.Embedded);
        await using var cluster = await ReliefClusters.Start(storage, fakeClock: Start);

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await cluster.GrainFactory.GetGrain<IAlarmGrain>(Guid.NewGuid()).Arm(Start.AddHours(1 + (i % 48))));

        Assert.Equal(1000L, await storage.Scalar<long>("SELECT count(*) FROM relief_wakeup"));
        Assert.Equal(IWakeups.Shards, await storage.Scalar<long>("SELECT count(DISTINCT shard) FROM relief_wakeup"));
        var reminders = await Eventually.Get(() => storage.Scalar<long>("SELECT count(*) FROM relief_reminder WHERE reminder_name = 'sweep'"),
            n => n >= IWakeups.Shards, TimeSpan.FromSeconds(30));
        Assert.Equal((long)IWakeups.Shards, reminders);
    }
}
