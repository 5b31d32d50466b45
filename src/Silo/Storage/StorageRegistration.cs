using Microsoft.Extensions.DependencyInjection.Extensions;
using Relief.Silo.Configuration;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Relief.Silo.Health;
using Relief.Silo.Telemetry;
using Relief.Workflows;
using Relief.Workflows.Queues;

namespace Relief.Silo.Storage;

/// <summary>
/// Storage for a silo, the same in production and in the test clusters: the schema applied first, then Orleans' own
/// ADO.NET providers for grain state and reminders on SQLite or PostgreSQL, and beside them the storages of Relief's
/// own tables for the grains written on every case's way, committed together (ADR 18, 21, 24).
/// </summary>
public static class StorageRegistration
{
    private const string InnerStorageName = "relief-adonet";

    public static ISiloBuilder AddReliefStorage(this ISiloBuilder silo, StorageSettings settings)
    {
        silo.Services.AddSingleton(settings);
        silo.Services.AddSingleton<SchemaMigrator>();
        silo.Services.AddSingleton<SchemaMigrationStartup>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SchemaMigrationStartup>());
        silo.Services.TryAddSingleton<SiloReadiness>();
        silo.Services.AddSingleton<EmbeddedWriteGate>();
        silo.Services.AddSingleton<ReliefDatabase>();
        silo.Services.AddSingleton<ICaseQueues, DatabaseCaseQueues>();
        silo.Services.AddSingleton<ICaseInstances, DatabaseCaseInstances>();
        silo.Services.AddSingleton<Relief.Workflows.Funds.ILedgerRows, DatabaseLedgerRows>();
        silo.Services.AddSingleton<LedgerUpgrade>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<LedgerUpgrade>());
        silo.Services.AddSingleton<GroupCommit>();
        silo.Services.AddSingleton<Relief.Workflows.Engine.Timers.IWakeups, DatabaseWakeups>();
        silo.Services.AddSingleton<DatabaseActivityLog>();
        silo.Services.AddSingleton<BatchedActivityLog>();
        silo.Services.AddSingleton<IActivityLog>(services => services.GetRequiredService<BatchedActivityLog>());
        silo.Services.AddHostedService(services => services.GetRequiredService<BatchedActivityLog>());

        // The ADO.NET provider under an inner name; the grains' "relief" storage is it with spans and timings.
        silo.AddAdoNetGrainStorage(InnerStorageName, options =>
        {
            options.Invariant = settings.AdoNetInvariant;
            options.ConnectionString = settings.ConnectionString;
        });
        // Grain state is written with Orleans' own serializer, which every state type is made for ([GenerateSerializer],
        // [Id]); the provider's default JSON loses fields of records whose constructors it cannot match (docs/adr/0001).
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(InnerStorageName).Configure<Serializer>(
            (options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Relief, (services, _) =>
        {
            var inner = services.GetRequiredKeyedService<IGrainStorage>(InnerStorageName);
            var gate = services.GetRequiredService<EmbeddedWriteGate>();
            return Outermost(gate.Gates ? new GatedGrainStorage(inner, gate) : inner);
        });
        // The case grains' own storage: their state and the records that follow it in one transaction (ADR 18).
        AddOwnStorage(silo, StorageNames.Cases, (database, commits, earlier, serializer) => new CaseGrainStorage(database, commits, earlier, serializer));
        // The grains written on every case's way: their own table, their growing sets as rows (ADR 24).
        AddOwnStorage(silo, StorageNames.Hot, (database, commits, earlier, serializer) => new HotGrainStorage(database, commits, earlier, serializer));
        // The account grains' own storage: their state and their new ledger entries as rows in one transaction (ADR 21).
        AddOwnStorage(silo, StorageNames.Accounts, (database, commits, earlier, serializer) => new AccountGrainStorage(database, commits, earlier, serializer));
        // Orleans ships no SQLite reminder table; its ADO.NET reminder provider runs on our SQLite
        // schema just as on PostgreSQL, so pending deadlines survive a restart in both modes.
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = settings.AdoNetInvariant;
            options.ConnectionString = settings.ConnectionString;
        });
        return silo;
    }

    /// <summary>
    /// A storage of Relief's own tables, written through the silo's one <see cref="GroupCommit"/> (ADR 24), reading what
    /// was stored before its table existed from Orleans' provider.
    /// </summary>
    private static void AddOwnStorage(ISiloBuilder silo, string name,
        Func<ReliefDatabase, GroupCommit, IGrainStorage, IGrainStorageSerializer, IGrainStorage> create) =>
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) => Outermost(create(
            services.GetRequiredService<ReliefDatabase>(),
            services.GetRequiredService<GroupCommit>(),
            services.GetRequiredKeyedService<IGrainStorage>(InnerStorageName),
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()))));

    /// <summary>What every grain storage is wrapped in: spans and timings, and a failed write that drops its activation.</summary>
    private static TracedGrainStorage Outermost(IGrainStorage storage) => new(new ReloadOnFailedWrite(storage));

    /// <summary>Membership in PostgreSQL, so several silos form one cluster.</summary>
    public static ISiloBuilder UseReliefDatabaseClustering(this ISiloBuilder silo, StorageSettings settings) =>
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = settings.AdoNetInvariant;
            options.ConnectionString = settings.ConnectionString;
        });
}
