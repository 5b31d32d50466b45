using Orleans.TestingHost;
using Relief.Silo.Configuration;
using Relief.Workflows.Hierarchy;

namespace Relief.Integration.Tests.Infrastructure;

/// <summary>
/// One running cluster per storage mode, shared by the grain tests of a collection (they run one after
/// another). The national unit is there from the start; each test builds its own subtree below it.
/// </summary>
public abstract class ClusterFixture(StorageMode mode) : IAsyncLifetime
{
    private TestStorage? _storage;
    private TestCluster? _cluster;

    public TestStorage Storage => _storage ?? throw new InvalidOperationException("The fixture's storage is not available.");

    public IGrainFactory Grains => (_cluster ?? throw new InvalidOperationException("The fixture's cluster did not start.")).GrainFactory;

    public async Task InitializeAsync()
    {
        if (mode == StorageMode.PostgreSql && !TestPostgres.Available)
        {
            return; // each test skips itself with the reason
        }
        _storage = await TestStorage.Create(mode);
        _cluster = await ReliefClusters.Start(_storage, identity: "relief-shared");
        await Grains.GetGrain<IOrgUnitGrain>(OrgCode.NationalCode).Register("中华全国总工会");
    }

    public void SkipUnlessRunning()
    {
        if (mode == StorageMode.PostgreSql)
        {
            TestPostgres.SkipUnlessAvailable();
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }
}

public sealed class SqliteClusterFixture() : ClusterFixture(StorageMode.Embedded);

public sealed class PostgresClusterFixture() : ClusterFixture(StorageMode.PostgreSql);

[CollectionDefinition(Name)]
public sealed class SharedSqliteCluster : ICollectionFixture<SqliteClusterFixture>
{
    public const string Name = "SQLite cluster";
}

[CollectionDefinition(Name)]
public sealed class SharedPostgresCluster : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "PostgreSQL cluster";
}
