using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Relief.Silo.Configuration;

namespace Relief.Integration.Tests.Infrastructure;

/// <summary>
/// Starts real in-process Orleans clusters on a <see cref="TestStorage"/>. Every cluster started for the same
/// storage shares its service and cluster ids, so a new cluster finds what an earlier one stored.
/// </summary>
public static class ReliefClusters
{
    public static async Task<TestCluster> Start(TestStorage storage, short silos = 1, string identity = "relief-test", DateTimeOffset? fakeClock = null)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ServiceId = identity;
        builder.Options.ClusterId = identity;
        foreach (var (key, value) in storage.AsConfiguration())
        {
            builder.Properties[key] = value;
        }
        if (fakeClock is { } start)
        {
            builder.Properties[ReliefTestSiloConfigurator.FakeClockKey] = start.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }
        if (storage.Mode == StorageMode.PostgreSql)
        {
            // Membership in PostgreSQL, as in production, instead of the test host's own.
            builder.Options.UseTestClusterMembership = false;
            builder.Properties[ReliefTestSiloConfigurator.DatabaseClusteringKey] = "true";
        }
        builder.AddSiloBuilderConfigurator<ReliefTestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<ReliefTestClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

/// <summary>The fake clocks of a cluster's in-process silos, moved together.</summary>
public static class FakeClocks
{
    public static void Advance(this TestCluster cluster, TimeSpan by)
    {
        foreach (var silo in cluster.Silos.Cast<InProcessSiloHandle>())
        {
            silo.SiloHost.Services.GetRequiredService<Microsoft.Extensions.Time.Testing.FakeTimeProvider>().Advance(by);
        }
    }
}
