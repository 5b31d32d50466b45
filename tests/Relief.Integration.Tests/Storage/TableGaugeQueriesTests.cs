using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Relief.Integration.Tests.Infrastructure;
using Relief.Silo.Configuration;
using Relief.Silo.Storage;
using Relief.Workflows.Engine.Timers;
using Relief.Workflows.Hierarchy;

namespace Relief.Integration.Tests.Storage;

/// <summary>
/// The grouped reads behind the gauges the alert rules watch (queues by province, timer lag, open incidents), on rows
/// written straight into each database: what they count, what they leave out, and that both dialects accept them.
/// </summary>
public sealed class TableGaugeQueriesTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Programme = Guid.Parse("5f6c1d2e-0b8a-4c3d-9e7f-1a2b3c4d5e6f");

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task Queue_depths_are_grouped_by_programme_level_and_province(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        var database = await Database(storage);
        await Inbox(database, "CN-44-03-05", "Decision", Now.AddHours(-5), Now.AddHours(-1));
        await Inbox(database, "CN-44-01-02", "Decision", Now.AddHours(-2), null);
        await Inbox(database, "CN-44-03-05", "Amendment", Now.AddHours(-9), null); // a clerk's task: no decision waits
        await Inbox(database, "CN-32-01-02", "Decision", Now.AddMinutes(-30), Now.AddHours(1));
        await Inbox(database, "CN-44", "Decision", Now.AddHours(-3), null);
        await Inbox(database, "CN", "Decision", Now.AddHours(-4), null);

        var depths = await new DatabaseCaseQueues(database).Depths(Now);

        Assert.Equal(
            [
                (OrgLevel.National, "CN", 1, Now.AddHours(-4), 0),
                (OrgLevel.Provincial, "CN-44", 1, Now.AddHours(-3), 0),
                (OrgLevel.District, "CN-32", 1, Now.AddMinutes(-30), 0),
                (OrgLevel.District, "CN-44", 2, Now.AddHours(-5), 1),
            ],
            depths.Select(d => (d.Level, d.ProvinceCode, d.Waiting, d.OldestSince!.Value, d.Overdue)).OrderBy(d => d.Level).ThenBy(d => d.ProvinceCode, StringComparer.Ordinal));
        Assert.All(depths, d => Assert.Equal(Programme, d.ProgrammeId));
    }

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task Timer_lag_counts_the_wake_ups_past_due_per_shard_and_the_ones_due_at_once_apart(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        var database = await Database(storage);
        await Wakeup(database, "case/a", 1, Now.AddMinutes(-7));
        await Wakeup(database, "case/b", 1, Now.AddSeconds(-20));
        await Wakeup(database, "case/c", 1, Now.AddHours(1)); // not due yet
        await Wakeup(database, "case/d", 2, DateTimeOffset.UnixEpoch); // an incident's retry
        await Wakeup(database, "case/e", 2, DateTimeOffset.UnixEpoch);

        var lag = await new DatabaseWakeups(database, new GroupCommit(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<GroupCommit>.Instance)).Lag(Now);

        Assert.Equal(Enumerable.Range(0, IWakeups.Shards), lag.Select(l => l.Shard));
        Assert.Equal(new WakeupLag(1, 2, Now.AddMinutes(-7), 0), lag[1]);
        Assert.Equal(new WakeupLag(2, 0, null, 2), lag[2]);
        Assert.All(lag.Where(l => l.Shard is not (1 or 2)), l => Assert.Equal(new WakeupLag(l.Shard, 0, null, 0), l));
    }

    [SkippableTheory]
    [InlineData(StorageMode.Embedded)]
    [InlineData(StorageMode.PostgreSql)]
    public async Task Open_incidents_are_the_cases_with_one_open_and_their_retry_due_by_programme_and_province(StorageMode mode)
    {
        await using var storage = await TestStorage.Create(mode);
        var database = await Database(storage);
        await CaseRow(database, "case/1", "CN-44-03-05-0001", openIncidents: 2, retrying: true);
        await CaseRow(database, "case/2", "CN-44-01-02-0003", openIncidents: 1, retrying: true);
        await CaseRow(database, "case/3", "CN-32-01-02-0001", openIncidents: 1, retrying: true);
        await CaseRow(database, "case/4", "CN-44-03-05-0001", openIncidents: 0, retrying: true); // a step under way, no incident
        await CaseRow(database, "case/5", "CN-44-03-05-0001", openIncidents: 0, retrying: false);

        var counts = await new DatabaseCaseInstances(database).OpenIncidents();

        Assert.Equal([("CN-32", 1), ("CN-44", 2)], counts.Select(c => (c.ProvinceCode, c.Cases)).OrderBy(c => c.ProvinceCode, StringComparer.Ordinal));
        Assert.All(counts, c => Assert.Equal(Programme, c.ProgrammeId));
    }

    private static async Task<ReliefDatabase> Database(TestStorage storage)
    {
        await new SchemaMigrator(storage.Settings, NullLogger<SchemaMigrator>.Instance).Apply(CancellationToken.None);
        return new ReliefDatabase(storage.Settings, Options.Create(new ClusterOptions { ServiceId = "relief-gauges" }), new EmbeddedWriteGate(storage.Settings));
    }

    private static Task Inbox(ReliefDatabase database, string unit, string waitingFor, DateTimeOffset since, DateTimeOffset? due) => Execute(database, """
        INSERT INTO relief_inbox (service_id, task_id, case_id, unit_code, node, title, roles, programme_id, waiting_for, branch_code,
                                  category, amount_fen, masked_name, waiting_since_ms, case_version, due_at_ms)
        VALUES (@service, @task, @task, @unit, 'approve', 'approve', 'approver', @programme, @waiting_for, 'CN-44-03-05-0001',
                'archived', 150000, '王*', @since, 1, @due);
        """, ("task", Guid.NewGuid().ToString()), ("unit", unit), ("programme", Programme.ToString()), ("waiting_for", waitingFor),
        ("since", since.ToUnixTimeMilliseconds()), ("due", due?.ToUnixTimeMilliseconds()));

    private static Task Wakeup(ReliefDatabase database, string grain, int shard, DateTimeOffset due) => Execute(database,
        "INSERT INTO relief_wakeup (service_id, grain_id, shard, due_at_ms) VALUES (@service, @grain, @shard, @due);",
        ("grain", grain), ("shard", shard), ("due", due.ToUnixTimeMilliseconds()));

    private static async Task CaseRow(ReliefDatabase database, string grain, string branch, int openIncidents, bool retrying)
    {
        await Execute(database, """
            INSERT INTO relief_case_state (service_id, grain_id, version, payload, modified_at, programme_id, branch_code, open_incidents)
            VALUES (@service, @grain, 1, @payload, @at, @programme, @branch, @incidents);
            """, ("grain", grain), ("payload", Array.Empty<byte>()), ("at", DateTime.UtcNow), ("programme", Programme.ToString()),
            ("branch", branch), ("incidents", openIncidents));
        await Wakeup(database, grain, 0, retrying ? DateTimeOffset.UnixEpoch : Now.AddDays(3));
    }

    private static async Task Execute(ReliefDatabase database, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.Open(CancellationToken.None);
        await using var command = database.Command(connection, sql);
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                ReliefDatabase.AddTyped(command, name, null, System.Data.DbType.Int64); // PostgreSQL must know a null's type
            }
            else
            {
                ReliefDatabase.Add(command, name, value);
            }
        }
        await command.ExecuteNonQueryAsync();
    }
}
