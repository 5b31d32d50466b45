using Relief.Workflows.Queues;

namespace Relief.Silo.Storage;

/// <summary>
/// The ops page's activity counts, gathered in memory and added to <c>relief_activity</c> once a second, one row per
/// programme, province and hour, in one transaction. Every filing and decision used to upsert its province's row of
/// the hour, one commit each inside the case's turn, all of them queueing on the same few rows at the peak. The
/// counts are statistics (a failed count never failed a step): a crash loses at most the last second of them, a
/// graceful stop none; this silo's reads include what it has not yet written, so its page is never behind itself.
/// </summary>
public sealed class BatchedActivityLog(DatabaseActivityLog database, ILogger<BatchedActivityLog> logger) : BackgroundService, IActivityLog
{
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Dictionary<ActivityKey, (long Filed, long Decided)> _pending = [];
    private Dictionary<ActivityKey, (long Filed, long Decided)> _writing = [];

    public Task Filed(Guid programmeId, string unitCode, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Count(ActivityKey.For(programmeId, unitCode, at), filed: 1, decided: 0);

    public Task Decided(Guid programmeId, string unitCode, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Count(ActivityKey.For(programmeId, unitCode, at), filed: 0, decided: 1);

    public async Task<IReadOnlyList<ActivityHour>> Since(Guid programmeId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var stored = await database.Since(programmeId, since, cancellationToken);
        List<KeyValuePair<ActivityKey, (long Filed, long Decided)>> unwritten;
        lock (_gate)
        {
            unwritten = [.. _writing, .. _pending];
        }
        return stored.Select(h => (Key: new ActivityKey(programmeId, h.ProvinceCode, h.Hour), h.Filed, h.Decided))
            .Concat(unwritten.Where(u => u.Key.ProgrammeId == programmeId && u.Key.Hour >= ActivityKey.HourOf(since))
                .Select(u => (u.Key, u.Value.Filed, u.Value.Decided)))
            .GroupBy(c => c.Key)
            .Select(g => new ActivityHour(g.Key.ProvinceCode, g.Key.Hour, g.Sum(c => c.Filed), g.Sum(c => c.Decided)))
            .OrderBy(h => h.ProvinceCode, StringComparer.Ordinal).ThenBy(h => h.Hour)
            .ToList();
    }

    public Task<IReadOnlyList<ProvinceDepth>> Depths(Guid programmeId, CancellationToken cancellationToken = default) =>
        database.Depths(programmeId, cancellationToken);

    private Task Count(ActivityKey key, long filed, long decided)
    {
        lock (_gate)
        {
            var (f, d) = _pending.GetValueOrDefault(key);
            _pending[key] = (f + filed, d + decided);
        }
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await Flush(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Flush(cancellationToken); // a graceful stop writes what it counted
    }

    private async Task Flush(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_pending.Count == 0 || _writing.Count > 0)
            {
                return;
            }
            (_writing, _pending) = (_pending, []);
        }
        try
        {
            await database.Add(_writing.Select(w => new ActivityCounts(w.Key, w.Value.Filed, w.Value.Decided)).ToList(), cancellationToken);
            lock (_gate)
            {
                _writing = [];
            }
        }
        catch (Exception ex)
        {
            // Kept for the next attempt (the next tick, or the final flush of a stop that cancelled this one): the
            // batch was one transaction, so none of it was added.
            lock (_gate)
            {
                foreach (var (key, (filed, decided)) in _writing)
                {
                    var (f, d) = _pending.GetValueOrDefault(key);
                    _pending[key] = (f + filed, d + decided);
                }
                _writing = [];
            }
            logger.LogWarning(ex, "Activity counts could not be written; they are kept for the next attempt");
        }
    }
}
