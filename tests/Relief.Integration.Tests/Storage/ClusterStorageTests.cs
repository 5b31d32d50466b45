using Relief.Integration.Tests.Infrastructure;
using Relief.Integration.Tests.Probes;
using Relief.Silo.Configuration;
using Relief.Silo.Hierarchy;
using Relief.Workflows.Hierarchy;

namespace Relief.Integration.Tests.Storage;

/// <summary>What must hold in both storage modes: state and deadlines outlive the cluster that wrote them.</summary>
public abstract class ClusterStorageTests(StorageMode mode)
{
    [SkippableFact]
    public async Task State_written_by_one_cluster_is_read_back_by_a_new_cluster_on_the_same_database()
    {
        await using var storage = await TestStorage.Create(mode);
        var first = await ReliefClusters.Start(storage);
        await new HierarchyImporter(first.GrainFactory).Import(DemoHierarchy.Read());
        await first.GrainFactory.GetGrain<IOrgUnitGrain>("CN-44-03-05").Register("深圳市南山区总工会（更名）");
        await first.StopAllSilosAsync();
        await first.DisposeAsync();

        var second = await ReliefClusters.Start(storage);
        try
        {
            var national = await second.GrainFactory.GetGrain<IOrgUnitGrain>("CN").Describe();
            var district = await second.GrainFactory.GetGrain<IOrgUnitGrain>("CN-44-03-05").Describe();

            Assert.NotNull(national);
            Assert.Equal(["CN-32", "CN-44"], national.Children.Select(c => c.Code));
            Assert.Equal("深圳市南山区总工会（更名）", district?.Name);
            Assert.Equal(4, district?.Children.Count);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_pending_reminder_fires_after_the_whole_cluster_restarts()
    {
        await using var storage = await TestStorage.Create(mode);
        var first = await ReliefClusters.Start(storage);
        // Due well after the first cluster is gone; the period is the fallback if the restart took longer.
        await first.GrainFactory.GetGrain<IDeadlineProbeGrain>("notice-window-1").Arm(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(5));
        var firstSilos = first.Silos.Select(s => s.SiloAddress.ToString()).ToHashSet();
        await first.StopAllSilosAsync();
        await first.DisposeAsync();

        var second = await ReliefClusters.Start(storage);
        try
        {
            var probe = second.GrainFactory.GetGrain<IDeadlineProbeGrain>("notice-window-1");
            var firedOn = await Eventually.Get(probe.FiredOn, fired => fired.Count > 0, TimeSpan.FromSeconds(60));

            var silo = Assert.Single(firedOn);
            Assert.DoesNotContain(silo, firstSilos);
            Assert.Contains(silo, second.Silos.Select(s => s.SiloAddress.ToString()));
            Assert.Equal(0L, await storage.Scalar<long>("SELECT count(*) FROM relief_reminder"));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Importing_the_same_file_twice_writes_nothing_the_second_time()
    {
        await using var storage = await TestStorage.Create(mode);
        var cluster = await ReliefClusters.Start(storage);
        try
        {
            var importer = new HierarchyImporter(cluster.GrainFactory);
            var first = await importer.Import(DemoHierarchy.Read());
            var versionsAfterFirst = await storage.Scalar<long>("SELECT sum(version) FROM relief_grain_state");
            var second = await importer.Import(DemoHierarchy.Read());
            var versionsAfterSecond = await storage.Scalar<long>("SELECT sum(version) FROM relief_grain_state");

            Assert.Equal(new HierarchyImportReport(47, 0, 0), first);
            Assert.Equal(new HierarchyImportReport(0, 0, 47), second);
            Assert.Equal(versionsAfterFirst, versionsAfterSecond);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_file_with_a_bad_line_is_refused_whole_and_stores_nothing()
    {
        await using var storage = await TestStorage.Create(mode);
        var cluster = await ReliefClusters.Start(storage);
        try
        {
            var importer = new HierarchyImporter(cluster.GrainFactory);
            await importer.Import("CN,中华全国总工会,\nCN-44,广东省总工会,CN\n"u8.ToArray());
            var rowsBefore = await storage.Scalar<long>("SELECT count(*) FROM relief_grain_state");

            var file = "CN-44-03,深圳市总工会,CN-44\nCN-44-03-05,南山区总工会,CN-44-03\nCN-45-01,南宁市总工会,CN-45\n"u8.ToArray();
            var refused = await Assert.ThrowsAsync<HierarchyFileRejectedException>(() => importer.Import(file));

            var error = Assert.Single(refused.Errors);
            Assert.Equal(3, error.Line);
            Assert.Contains("unknown parent CN-45", error.Reason, StringComparison.Ordinal);
            Assert.Null(await cluster.GrainFactory.GetGrain<IOrgUnitGrain>("CN-44-03").Describe());
            Assert.Equal(rowsBefore, await storage.Scalar<long>("SELECT count(*) FROM relief_grain_state"));
            Assert.Equal(["CN-44"], (await cluster.GrainFactory.GetGrain<IOrgUnitGrain>("CN").Describe())!.Children.Select(c => c.Code));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_file_may_add_units_under_a_parent_imported_earlier()
    {
        await using var storage = await TestStorage.Create(mode);
        var cluster = await ReliefClusters.Start(storage);
        try
        {
            var importer = new HierarchyImporter(cluster.GrainFactory);
            await importer.Import(DemoHierarchy.Read());

            var report = await importer.Import("CN-44-03-05-0005,南山区外卖骑手联合工会,CN-44-03-05\n"u8.ToArray());
            var district = await cluster.GrainFactory.GetGrain<IOrgUnitGrain>("CN-44-03-05").Describe();

            Assert.Equal(new HierarchyImportReport(1, 0, 0), report);
            Assert.Contains(district!.Children, c => c.Code == "CN-44-03-05-0005" && c.Level == OrgLevel.Branch);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}

public sealed class ClusterStorageTests_Sqlite() : ClusterStorageTests(StorageMode.Embedded);

public sealed class ClusterStorageTests_Postgres() : ClusterStorageTests(StorageMode.PostgreSql);
