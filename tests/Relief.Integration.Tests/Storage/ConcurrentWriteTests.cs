using Relief.Integration.Tests.Infrastructure;
using Relief.Workflows.Hierarchy;

namespace Relief.Integration.Tests.Storage;

/// <summary>
/// Many grains writing at once, as a peak morning brings: none may fail. On SQLite this holds only with WAL
/// journaling and a busy timeout (without them a few hundred concurrent writes fail with "database is locked").
/// </summary>
public abstract class ConcurrentWriteTests(ClusterFixture cluster)
{
    [SkippableFact]
    public async Task Hundreds_of_grains_writing_at_once_all_succeed_and_are_all_stored()
    {
        cluster.SkipUnlessRunning();
        var district = cluster.Grains.GetGrain<IOrgUnitGrain>("CN-65-01-02");
        await cluster.Grains.GetGrain<IOrgUnitGrain>("CN-65").Register("新疆维吾尔自治区总工会");
        await cluster.Grains.GetGrain<IOrgUnitGrain>("CN-65-01").Register("乌鲁木齐市总工会");
        await district.Register("乌鲁木齐市天山区总工会");
        var branches = Enumerable.Range(1, 400).Select(i => new OrgUnitSummary($"CN-65-01-02-{i:D4}", $"天山区第{i}基层工会", OrgLevel.Branch)).ToList();
        var rowsBefore = await cluster.Storage.Scalar<long>("SELECT count(*) FROM relief_grain_state");

        var outcomes = await Task.WhenAll(branches.Select(b => cluster.Grains.GetGrain<IOrgUnitGrain>(b.Code).Register(b.Name)));
        await district.RecordChildren(branches);

        Assert.All(outcomes, outcome => Assert.Equal(RegistrationOutcome.Added, outcome));
        Assert.Equal(rowsBefore + 400, await cluster.Storage.Scalar<long>("SELECT count(*) FROM relief_grain_state"));
        Assert.Equal(400, (await district.Describe())!.Children.Count);
    }
}

[Collection(SharedSqliteCluster.Name)]
public sealed class ConcurrentWriteTests_Sqlite(SqliteClusterFixture cluster) : ConcurrentWriteTests(cluster);

[Collection(SharedPostgresCluster.Name)]
public sealed class ConcurrentWriteTests_Postgres(PostgresClusterFixture cluster) : ConcurrentWriteTests(cluster);
