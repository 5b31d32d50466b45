using System.Data.Common;
using System.Globalization;
using System.Text;
using Relief.Workflows.Engine.Timers;

namespace Relief.Silo.Storage;

/// <summary>
/// The recovery wake-ups steps hold and lower (ADR 18), committed together: while one command is in flight the
/// next callers queue, and the queue goes as the next command — one transaction and one flush to disk for every
/// step that arrived meanwhile, each caller answered only once its own statement is durable. Alone, a caller's
/// statement goes at once. A failed command fails every caller in it; nothing of it was written.
/// </summary>
public sealed class StepWakeupBatch(ReliefDatabase database)
{
    private readonly Lock _gate = new();
    private List<Pending> _queued = [];
    private bool _flushing;

    /// <summary>A hold (<paramref name="hold"/>) or a release of one grain's row for the step that records <paramref name="version"/>.</summary>
    public Task Enqueue(bool hold, GrainId grain, int version, DateTimeOffset? dueAt)
    {
        var pending = new Pending(hold, grain, version, dueAt, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _queued.Add(pending);
            start = !_flushing;
            _flushing = true;
        }
        if (start)
        {
            _ = Task.Run(Flush);
        }
        return pending.Done.Task;
    }

    private async Task Flush()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_queued.Count == 0)
                {
                    _flushing = false;
                    return;
                }
                batch = _queued;
                _queued = [];
            }
            try
            {
                await Write(batch);
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    private async Task Write(List<Pending> batch)
    {
        using var turn = await database.Writing(CancellationToken.None);
        await using var connection = await database.Open(CancellationToken.None);
        // PostgreSQL runs a command's statements as one implicit transaction; the embedded file takes an explicit one.
        await using var transaction = database.IsEmbedded ? await connection.BeginTransactionAsync() : null;
        var sql = new StringBuilder();
        await using var command = database.Command(connection, "");
        command.Transaction = transaction;
        for (var i = 0; i < batch.Count; i++)
        {
            var (hold, grain, version, dueAt, _) = batch[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append((hold ? WakeupRows.HoldAtTheLatest : dueAt is null ? WakeupRows.ClearIfStill : WakeupRows.LowerIfStill)
                .Replace("@grain", "@grain" + n, StringComparison.Ordinal).Replace("@set_by", "@set_by" + n, StringComparison.Ordinal)
                .Replace("@shard", "@shard" + n, StringComparison.Ordinal).Replace("@due", "@due" + n, StringComparison.Ordinal));
            ReliefDatabase.Add(command, "grain" + n, grain.ToString());
            ReliefDatabase.Add(command, "set_by" + n, version);
            if (hold)
            {
                ReliefDatabase.Add(command, "shard" + n, IWakeups.ShardOf(grain));
            }
            if (dueAt is not null)
            {
                ReliefDatabase.AddInstant(command, "due" + n, dueAt);
            }
        }
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync();
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
    }

    private sealed record Pending(bool Hold, GrainId Grain, int Version, DateTimeOffset? DueAt, TaskCompletionSource Done);
}
