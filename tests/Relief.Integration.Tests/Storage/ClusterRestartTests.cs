using Relief.Integration.Tests.Infrastructure;
using Relief.Integration.Tests.Probes;
using Relief.Silo.Configuration;
using Relief.Silo.Hierarchy;
using Relief.Workflows.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;

namespace Relief.Integration.Tests.Storage;

/// <summary>What must hold in both storage modes: state and deadlines outlive the cluster that wrote them.</summary>
public abstract class ClusterRestartTests(StorageMode mode)
{
    [SkippableFact]
    public async Task State_written_by_one_cluster_is_read_back_by_a_new_cluster_on_the_same_database()
    {
        await using var storage = await TestStorage.Create(mode);
        var first = await ReliefClusters.Start(storage);
        await new HierarchyImporter(first.GrainFactory).Import(DemoHierarchy.Read());
        await first.GrainFactory.GetGrain<IOrgUnitGrain>("CN-44-03-05").Register("深圳市南山区总工会（更名）");
        var programmeId = Guid.NewGuid();
        var admin = new Actor("admin", "CN");
        await first.GrainFactory.GetGrain<IProgrammeGrain>(programmeId).Create(SampleTerms, admin);
        await first.GrainFactory.GetGrain<IProgrammeGrain>(programmeId).SaveWorkflow("""{ "route": ["Branch", "District"], "rules": [ { "when": { "amountAbove": "2000" }, "add": ["City"] } ] }""", admin);
        await first.StopAllSilosAsync();
        await first.DisposeAsync();

        await using var second = await ReliefClusters.Start(storage);
        var national = await second.GrainFactory.GetGrain<IOrgUnitGrain>("CN").Describe();
        var district = await second.GrainFactory.GetGrain<IOrgUnitGrain>("CN-44-03-05").Describe();

        Assert.NotNull(national);
        Assert.Equal(["CN-32", "CN-44"], national.Children.Select(c => c.Code));
        Assert.Equal("深圳市南山区总工会（更名）", district?.Name);
        Assert.Equal(4, district?.Children.Count);

        var programme = await second.GrainFactory.GetGrain<IProgrammeGrain>(programmeId).Describe();
        var route = await second.GrainFactory.GetGrain<IProgrammeGrain>(programmeId).Workflow(null);
        Assert.Equal(SampleTerms.Name, programme?.Terms.Name);
        Assert.Equal(SampleTerms.Opens, programme?.Terms.Opens);
        Assert.Equal(SampleTerms.MinimumLivingLines["CN-44-03"], programme?.Terms.MinimumLivingLineFor(OrgCode.Parse("CN-44-03-05-0001")));
        Assert.Equal(
            SampleTerms.Categories.Select(c => (c.Code, c.Name, c.Standard, c.Eligibility, string.Join(";", c.Goods))),
            programme!.Terms.Categories.Select(c => (c.Code, c.Name, c.Standard, c.Eligibility, string.Join(";", c.Goods))));
        Assert.Equal([OrgLevel.Branch, OrgLevel.District, OrgLevel.City], route?.Definition?.RouteFor(Money.FromYuan(2500), "archived"));
    }

    private static readonly ProgrammeTerms SampleTerms = new(
        "2027年两节送温暖",
        [
            new RecipientCategory("archived", "在档困难职工", Money.FromYuan(1500), [new GoodsItem("大米", 1, "袋", Money.FromYuan(80))], EligibilityRule.Anyone),
            new RecipientCategory("near-low-income", "低保边缘", Money.FromYuan(1000), [], new EligibilityRule(IncomeLimit.BelowLineTimesFactor, 1.5m)),
        ],
        new Dictionary<string, Money> { ["CN-44-03"] = new Money(136500) },
        new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 20), new DateOnly(2027, 2, 5), AllowAboveStandard: false);

    [SkippableFact]
    public async Task A_pending_reminder_fires_after_the_whole_cluster_restarts()
    {
        await using var storage = await TestStorage.Create(mode);
        var first = await ReliefClusters.Start(storage);
        // Due well after the first cluster is gone; the period is the fallback if the restart took longer.
        await first.GrainFactory.GetGrain<IDeadlineProbeGrain>("notice-window-1").Arm(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5));
        var firstSilos = first.Silos.Select(s => s.SiloAddress.ToString()).ToHashSet();
        await first.StopAllSilosAsync();
        await first.DisposeAsync();
        Assert.True(await storage.Scalar<long>(ProbeReminders) == 1,
            "the deadline must still be pending when the first cluster is gone (did the stop take longer than the due time?)");

        await using var second = await ReliefClusters.Start(storage);
        var probe = second.GrainFactory.GetGrain<IDeadlineProbeGrain>("notice-window-1");
        var firedOn = await Eventually.Get(probe.FiredOn, fired => fired.Count > 0, TimeSpan.FromSeconds(60));

        var silo = Assert.Single(firedOn);
        Assert.DoesNotContain(silo, firstSilos);
        Assert.Contains(silo, second.Silos.Select(s => s.SiloAddress.ToString()));
        Assert.Equal(0L, await storage.Scalar<long>(ProbeReminders));
    }

    // The probe's own reminders; the wake-up sweepers keep theirs (ADR 16).
    private const string ProbeReminders = "SELECT count(*) FROM relief_reminder WHERE reminder_name <> 'sweep'";
}

public sealed class ClusterRestartTests_Sqlite() : ClusterRestartTests(StorageMode.Embedded);

public sealed class ClusterRestartTests_Postgres() : ClusterRestartTests(StorageMode.PostgreSql);
