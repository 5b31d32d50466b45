using System.Globalization;
using Relief.Workflows.Engine.Timers;

namespace Relief.Silo.Storage;

/// <summary>
/// The wake-ups as rows of <c>relief_wakeup</c>, in the same database as the grain state. Every change of a row goes
/// through the <see cref="GroupCommit"/>: a step's recovery wake-up (ADR 18) shares its commit and its flush with the
/// state writes of every other step in flight.
/// </summary>
public sealed class DatabaseWakeups(ReliefDatabase database, GroupCommit commits) : IWakeups
{
    public async Task Schedule(GrainId grain, DateTimeOffset? dueAt, CancellationToken cancellationToken = default)
    {
        var command = database.Detached(dueAt is null ? WakeupRows.Clear : WakeupRows.Set);
        ReliefDatabase.Add(command, "grain", grain.ToString());
        if (dueAt is not null)
        {
            ReliefDatabase.Add(command, "shard", IWakeups.ShardOf(grain));
            ReliefDatabase.AddInstant(command, "due", dueAt);
            // A grain's own schedule is no step's: typed, so PostgreSQL reads the null as the integer column's.
            ReliefDatabase.AddTyped(command, "set_by", null, System.Data.DbType.Int32);
        }
        using var write = GroupedWrite.Unguarded(grain.ToString(), command);
        await commits.Write(write);
    }

    /// <summary>The row due at <paramref name="at"/> at the latest, marked as the step's that records <paramref name="version"/>.</summary>
    public async Task HoldForStep(GrainId grain, int version, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var command = database.Detached(WakeupRows.HoldAtTheLatest);
        ReliefDatabase.Add(command, "grain", grain.ToString());
        ReliefDatabase.Add(command, "shard", IWakeups.ShardOf(grain));
        ReliefDatabase.AddInstant(command, "due", at);
        ReliefDatabase.Add(command, "set_by", version);
        using var write = GroupedWrite.Unguarded(grain.ToString(), command);
        await commits.Write(write);
    }

    /// <summary>The step's row lowered to <paramref name="dueAt"/> (or removed), only while it is still the step's own.</summary>
    public async Task ReleaseStep(GrainId grain, int version, DateTimeOffset? dueAt, CancellationToken cancellationToken = default)
    {
        var command = database.Detached(dueAt is null ? WakeupRows.ClearIfStill : WakeupRows.LowerIfStill);
        ReliefDatabase.Add(command, "grain", grain.ToString());
        ReliefDatabase.Add(command, "set_by", version);
        if (dueAt is not null)
        {
            ReliefDatabase.AddInstant(command, "due", dueAt);
        }
        using var write = GroupedWrite.Unguarded(grain.ToString(), command);
        await commits.Write(write);
    }

    public async Task<IReadOnlyList<Wakeup>> Due(int shard, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var command = database.Command(connection, """
            SELECT grain_id, due_at_ms FROM relief_wakeup
            WHERE service_id = @service AND shard = @shard AND due_at_ms <= @now
            ORDER BY due_at_ms LIMIT @limit;
            """);
        ReliefDatabase.Add(command, "shard", shard);
        ReliefDatabase.AddInstant(command, "now", now);
        ReliefDatabase.Add(command, "limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<Wakeup>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new Wakeup(GrainId.Parse(reader.GetString(0)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
        }
        return due;
    }

    public async Task<IReadOnlyList<WakeupLag>> Lag(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // Rows due "at once" are written at the epoch (0): how late they are says nothing, so they are counted apart.
        await using var connection = await database.Open(cancellationToken);
        await using var command = database.Command(connection, """
            SELECT shard, sum(CASE WHEN due_at_ms > 0 THEN 1 ELSE 0 END), min(CASE WHEN due_at_ms > 0 THEN due_at_ms END),
                   sum(CASE WHEN due_at_ms <= 0 THEN 1 ELSE 0 END)
            FROM relief_wakeup
            WHERE service_id = @service AND due_at_ms <= @now
            GROUP BY shard;
            """);
        ReliefDatabase.AddInstant(command, "now", now);
        var found = new Dictionary<int, WakeupLag>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var shard = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            found[shard] = new WakeupLag(shard, Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)),
                Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture));
        }
        return Enumerable.Range(0, IWakeups.Shards).Select(shard => found.GetValueOrDefault(shard) ?? new WakeupLag(shard, 0, null, 0)).ToList();
    }
}
