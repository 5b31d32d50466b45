using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using Relief.Silo;
using Relief.Silo.Configuration;
using Relief.Silo.Storage;

namespace Relief.Integration.Tests.Infrastructure;

/// <summary>Configures each test silo exactly as the host does: storage from configuration, our schema, our grains.</summary>
public sealed class ReliefTestSiloConfigurator : ISiloConfigurator
{
    public const string DatabaseClusteringKey = "ReliefTest:DatabaseClustering";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var storage = StorageSettings.FromConfiguration(siloBuilder.Configuration);
        siloBuilder.AddReliefSiloServices(storage);
        if (siloBuilder.Configuration.GetValue<bool>(DatabaseClusteringKey))
        {
            siloBuilder.UseReliefDatabaseClustering(storage);
        }
        // Short reminder periods keep the durable-timer tests quick; production keeps Orleans' one-minute floor.
        siloBuilder.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(2));
    }
}

/// <summary>The cluster client finds the silos through the PostgreSQL membership table, as an API host would.</summary>
public sealed class ReliefTestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        if (configuration.GetValue<bool>(ReliefTestSiloConfigurator.DatabaseClusteringKey))
        {
            clientBuilder.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = configuration["Relief:Storage:ConnectionString"];
            });
        }
    }
}
