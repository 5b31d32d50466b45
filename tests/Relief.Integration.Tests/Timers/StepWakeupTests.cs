using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Workflows.Engine.Timers;

namespace Relief.Integration.Tests.Timers;

/// <summary>
/// The recovery wake-ups steps hold before they ask grains that may refuse them, and lower after (ADR 18): many
/// steps at once are committed together, each durable when answered, and a step only ever lowers its own row.
/// </summary>
public sealed class StepWakeupTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8));

    private static IWakeups Wakeups(TestCluster cluster) =>
        cluster.Silos.Cast<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<IWakeups>();

    private static GrainId Case(Guid id) => GrainId.Create("case", id.ToString("N"));

    // Every due time lies after the test clusters' clock, so no sweep wakes these cases, which exist nowhere else.
    private static readonly DateTimeOffset Held = Start.AddDays(30);

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task Three_hundred_steps_holding_at_once_are_each_held_and_each_lowered_only_by_its_own_step(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        await using var cluster = await ReliefClusters.Start(storage, fakeClock: Start);
        var wakeups = Wakeups(cluster);
        var cases = Enumerable.Range(0, 300).Select(_ => Case(Guid.NewGuid())).ToList();

        await Task.WhenAll(cases.Select(c => wakeups.HoldForStep(c, 7, Held)));

        Assert.Equal(300L, await storage.Scalar<long>($"SELECT count(*) FROM relief_wakeup WHERE due_at_ms = {Held.ToUnixTimeMilliseconds()} AND set_by_version = 7"));

        // A later step (version 8) took the first hundred over: the releases of step 7 leave those alone.
        await Task.WhenAll(cases.Take(100).Select(c => wakeups.HoldForStep(c, 8, Held)));
        await Task.WhenAll(cases.Select((c, i) => wakeups.ReleaseStep(c, 7, i % 2 == 0 ? null : Start.AddDays(3))));

        Assert.Equal(100L, await storage.Scalar<long>($"SELECT count(*) FROM relief_wakeup WHERE due_at_ms = {Held.ToUnixTimeMilliseconds()} AND set_by_version = 8"));
        Assert.Equal(100L, await storage.Scalar<long>($"SELECT count(*) FROM relief_wakeup WHERE due_at_ms = {Start.AddDays(3).ToUnixTimeMilliseconds()}"));
        Assert.Equal(200L, await storage.Scalar<long>("SELECT count(*) FROM relief_wakeup"));
    }

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task A_hold_never_puts_off_a_wake_up_due_earlier(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        await using var cluster = await ReliefClusters.Start(storage, fakeClock: Start);
        var wakeups = Wakeups(cluster);
        var early = Case(Guid.NewGuid());
        var late = Case(Guid.NewGuid());
        await wakeups.Schedule(early, Held.AddDays(-1));
        await wakeups.Schedule(late, Held.AddDays(5));

        await Task.WhenAll(wakeups.HoldForStep(early, 3, Held), wakeups.HoldForStep(late, 3, Held));

        Assert.Equal(Held.AddDays(-1).ToUnixTimeMilliseconds(), await storage.Scalar<long>($"SELECT due_at_ms FROM relief_wakeup WHERE grain_id = '{early}'"));
        Assert.Equal(Held.ToUnixTimeMilliseconds(), await storage.Scalar<long>($"SELECT due_at_ms FROM relief_wakeup WHERE grain_id = '{late}'"));
    }
}
