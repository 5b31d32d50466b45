using Relief.Integration.Tests.Infrastructure;
using Relief.Integration.Tests.Probes;
using Relief.Silo.Configuration;

namespace Relief.Integration.Tests.Storage;

/// <summary>Several silos form one cluster through the PostgreSQL membership table.</summary>
public sealed class PostgresClusterTests
{
    [SkippableFact]
    public async Task Two_silos_join_through_postgres_and_grains_on_both_answer()
    {
        await using var storage = await TestStorage.Create(StorageMode.PostgreSql);
        await using var cluster = await ReliefClusters.Start(storage, silos: 2);
        await cluster.WaitForLivenessToStabilizeAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 60)
            .Select(i => cluster.GrainFactory.GetGrain<IPlacementProbeGrain>(i).WhereAmI()));

        var silos = cluster.Silos.Select(s => s.SiloAddress.ToString()).ToHashSet();
        Assert.Equal(2, silos.Count);
        Assert.Equal(silos, answers.ToHashSet());
        Assert.Equal(2L, await storage.Scalar<long>("SELECT count(*) FROM relief_membership WHERE status = 3"));
    }
}
