using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Storage;
using Relief.Workflows.Telemetry;

namespace Relief.Silo.Storage;

/// <summary>
/// Concurrent writes of many grains committed together (ADR 24): while one commit is in flight the next writers queue,
/// and the queue goes as the next commit — one transaction, one flush to disk, on PostgreSQL the guards of all its
/// writes in one round trip. Each caller is answered only once its own write is durable. A write whose guard changes
/// no row (another activation wrote that state first) is refused alone; the others of its commit go through. A commit
/// that fails fails its callers with <see cref="InconsistentStateException"/>, which makes Orleans drop each caller's
/// activation, so no grain runs ahead of what is stored; a fault of one write's own statements (a constraint it breaks)
/// is found by running the commit's writes one by one, so that only that write fails. Alone, a write goes at once:
/// there is no waiting for company.
/// </summary>
public sealed class GroupCommit(ReliefDatabase database, ILogger<GroupCommit> logger)
{
    /// <summary>Writes per commit at most: enough to carry the peak's concurrency, few enough to keep one commit short.</summary>
    public const int MostPerCommit = 256;

    private readonly Lock _gate = new();
    private readonly KeyValuePair<string, object?> _store = new("store", database.IsEmbedded ? "sqlite" : "postgresql");
    private List<GroupedWrite> _queued = [];
    private bool _flushing;
    private long _commits;
    private long _writes;

    /// <summary>Commits made so far by this silo (each carrying one or more writes).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writes committed or refused so far by this silo.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>
    /// Commits the write with whatever else is queued: true once it is durable, false when its guard changed no row
    /// (nothing of it was written). Throws <see cref="InconsistentStateException"/> when its commit failed.
    /// </summary>
    public Task<bool> Write(GroupedWrite write)
    {
        bool start;
        lock (_gate)
        {
            _queued.Add(write);
            start = !_flushing;
            _flushing = true;
        }
        if (start)
        {
            _ = Task.Run(Flush);
        }
        return write.Done.Task;
    }

    private async Task Flush()
    {
        while (true)
        {
            List<GroupedWrite> batch;
            lock (_gate)
            {
                if (_queued.Count == 0)
                {
                    _flushing = false;
                    return;
                }
                if (_queued.Count <= MostPerCommit)
                {
                    batch = _queued;
                    _queued = [];
                }
                else
                {
                    batch = _queued.GetRange(0, MostPerCommit);
                    _queued.RemoveRange(0, MostPerCommit);
                }
            }
            await Commit(batch);
        }
    }

    private async Task Commit(List<GroupedWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var written = await Run(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(written[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1 && RefusedAStatement(ex))
        {
            // A statement of one write failed the commit (the database is there and refused it): find which, so that the
            // others are not failed for it.
            logger.LogWarning("A group commit of {Writes} writes was refused ({Error}); committing them one by one", batch.Count, ex.GetType().Name);
            foreach (var write in batch)
            {
                try
                {
                    write.Done.TrySetResult((await Run([write]))[0]);
                }
                catch (Exception alone)
                {
                    write.Done.TrySetException(Failed(write, alone));
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var write in batch)
            {
                write.Done.TrySetException(Failed(write, ex));
            }
        }
        finally
        {
            Interlocked.Increment(ref _commits);
            Interlocked.Add(ref _writes, batch.Count);
            ReliefTelemetry.StorageBatchSize.Record(batch.Count, _store);
            ReliefTelemetry.StorageCommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, _store);
        }
    }

    /// <summary>One transaction: every guard, then the following statements of the writes whose guard held, then the commit.</summary>
    private async Task<bool[]> Run(List<GroupedWrite> writes)
    {
        using var turn = await database.Writing(CancellationToken.None);
        await using var connection = await database.Open(CancellationToken.None);
        var statements = writes.Sum(w => w.Statements);
        // A single statement is atomic by itself, and so is a PostgreSQL batch of guards with nothing following.
        var following = writes.Any(w => w.Following.Count > 0);
        await using var transaction = statements > 1 && (database.IsEmbedded || following) ? await connection.BeginTransactionAsync() : null;
        var written = connection is NpgsqlConnection postgres
            ? await GuardsInOneRoundTrip(postgres, (NpgsqlTransaction?)transaction, writes)
            : await GuardsOneByOne(connection, transaction, writes);
        for (var i = 0; i < writes.Count; i++)
        {
            if (!written[i])
            {
                continue;
            }
            foreach (var command in writes[i].Following)
            {
                command.Connection = connection;
                command.Transaction = transaction;
                await command.ExecuteNonQueryAsync();
            }
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
        return written;
    }

    private static async Task<bool[]> GuardsOneByOne(DbConnection connection, DbTransaction? transaction, List<GroupedWrite> writes)
    {
        var written = new bool[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            if (writes[i].Guard is not { } guard)
            {
                written[i] = true;
                continue;
            }
            guard.Connection = connection;
            guard.Transaction = transaction;
            written[i] = await guard.ExecuteNonQueryAsync() == 1;
        }
        return written;
    }

    /// <summary>The guards as one <see cref="NpgsqlBatch"/>: one round trip, each statement's own count of rows.</summary>
    private static async Task<bool[]> GuardsInOneRoundTrip(NpgsqlConnection connection, NpgsqlTransaction? transaction, List<GroupedWrite> writes)
    {
        var written = new bool[writes.Count];
        await using var batch = new NpgsqlBatch(connection, transaction);
        var guarded = new List<int>();
        for (var i = 0; i < writes.Count; i++)
        {
            if (writes[i].Guard is not { } guard)
            {
                written[i] = true;
                continue;
            }
            // A batch command holds one statement, without its closing semicolon; the parameters are copied, so that
            // the command can still run alone if the commit has to be retried write by write.
            var command = new NpgsqlBatchCommand(guard.CommandText.TrimEnd().TrimEnd(';'));
            foreach (NpgsqlParameter parameter in guard.Parameters)
            {
                command.Parameters.Add(parameter.Clone());
            }
            batch.BatchCommands.Add(command);
            guarded.Add(i);
        }
        if (guarded.Count == 0)
        {
            return written;
        }
        await batch.ExecuteNonQueryAsync();
        for (var k = 0; k < guarded.Count; k++)
        {
            written[guarded[k]] = batch.BatchCommands[k].RecordsAffected == 1;
        }
        return written;
    }

    private static InconsistentStateException Failed(GroupedWrite write, Exception cause) =>
        new($"The write of {write.What} was not stored: its commit failed ({cause.GetType().Name}: {FirstLine(cause.Message)}). The activation reloads what is stored.", cause);

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>
    /// The database is there and refused a statement (a constraint, a deadlock, bad data), as opposed to being out of
    /// reach, out of resources or shutting down — then every write would fail alone too, each after its own wait.
    /// </summary>
    private static bool RefusedAStatement(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState[..2] is not ("08" or "53" or "57" or "58"),
        SqliteException sqlite => !sqlite.IsTransient,
        _ => false,
    };
}
