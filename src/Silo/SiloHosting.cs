using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Identity;
using Orleans.Configuration;
using Orleans.Dashboard;
using Relief.Silo.Accounts;
using Relief.Silo.Configuration;
using Relief.Silo.Health;
using Relief.Silo.Hierarchy;
using Relief.Silo.Storage;
using Relief.Workflows;

namespace Relief.Silo;

/// <summary>The Orleans silo of a Relief process: cluster membership, storage, the grains' services, start-up work.</summary>
public static class SiloHosting
{
    /// <summary>What every Relief silo has, in production and in the test clusters alike.</summary>
    public static ISiloBuilder AddReliefSiloServices(this ISiloBuilder silo, StorageSettings storage)
    {
        silo.AddReliefStorage(storage);
        // Grain calls join the trace of the request that made them, sampled or not (registered after Orleans' own).
        silo.AddActivityPropagation();
        silo.AddOutgoingGrainCallFilter<Relief.Silo.Telemetry.UnsampledTraceCarrier>();
        silo.Services.AddReliefWorkflows();
        // How often due wake-ups are swept (Relief:Wakeups:SweepPeriod, a minute unless set): the fault tests shorten it.
        silo.Services.Configure<Relief.Workflows.Engine.Timers.WakeupOptions>(silo.Configuration.GetSection("Relief:Wakeups"));
        silo.Services.AddOptions<ReminderOptions>().PostConfigure<Microsoft.Extensions.Options.IOptions<Relief.Workflows.Engine.Timers.WakeupOptions>>(
            (reminders, wakeups) => reminders.MinimumReminderPeriod = wakeups.Value.SweepPeriod < reminders.MinimumReminderPeriod
                ? wakeups.Value.SweepPeriod : reminders.MinimumReminderPeriod);
        silo.Services.AddSingleton(IdentityKey.Load(silo.Configuration, storage));
        silo.Services.TryAddSingleton<SiloReadiness>();
        silo.Services.TryAddSingleton<IPasswordHasher<LocalAccount>, PasswordHasher<LocalAccount>>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloReadinessLifecycle>();
        return silo;
    }

    public static IHostApplicationBuilder AddReliefSilo(
        this IHostApplicationBuilder builder, StorageSettings storage, ClusterSettings cluster, bool seedDemoHierarchy, bool seedDemoAccounts = false)
    {
        builder.UseOrleans(silo =>
        {
            if (storage.Mode == StorageMode.Embedded)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort,
                    serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            }
            else
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = cluster.ClusterId;
                    options.ServiceId = cluster.ServiceId;
                });
                silo.UseReliefDatabaseClustering(storage);
                if (cluster.Kubernetes)
                {
                    silo.UseKubernetesHosting();
                }
                else if (cluster.AdvertisedAddress is { } address)
                {
                    silo.ConfigureEndpoints(address, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                }
                else
                {
                    silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                }
            }
            silo.AddReliefSiloServices(storage);
            // The Orleans Dashboard, mapped at /dashboard for the ops role only (ServeCommand).
            silo.AddDashboard();
            if (seedDemoHierarchy)
            {
                silo.AddStartupTask<DemoHierarchySeeder>();
            }
            if (seedDemoAccounts)
            {
                silo.AddStartupTask<DemoAccountSeeder>();
            }
        });
        return builder;
    }
}
