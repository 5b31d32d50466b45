using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Relief.Workflows;
using Relief.Workflows.Notices;
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

    public const string FakeClockKey = "ReliefTest:FakeClock";

    public void Configure(ISiloBuilder siloBuilder)
    {
        if (siloBuilder.Configuration[FakeClockKey] is { Length: > 0 } start)
        {
            // Grains read time through TimeProvider; the notice tests move it past a window's end.
            var fake = new FakeTimeProvider(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
            siloBuilder.Services.AddSingleton(fake);
            siloBuilder.Services.AddSingleton(new ReliefClock(fake));
        }
        siloBuilder.Services.Configure<NoticeOptions>(options => options.CheckPeriod = TimeSpan.FromSeconds(2));
        siloBuilder.Services.Configure<Relief.Workflows.Engine.Timers.WakeupOptions>(options => options.SweepPeriod = TimeSpan.FromSeconds(5));
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
