using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Relief.Workflows;

namespace Relief.Silo.Telemetry;

/// <summary>How often the gauges read from Relief's tables re-read them.</summary>
public sealed class TableGaugeOptions
{
    public TimeSpan Refresh { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Gauges whose figures come from one grouped query over Relief's tables, run every <see cref="TableGaugeOptions.Refresh"/>
/// (never one per scrape, never a count kept in memory that a restart would lose) and held as a snapshot that the
/// instruments read. Every silo reports the same cluster-wide figures: take the maximum across silos, not the sum.
/// </summary>
public abstract class TableGauges<TRow> : BackgroundService
{
    private readonly TimeSpan _refresh;
    private readonly ILogger _logger;
    private volatile IReadOnlyList<TRow> _snapshot = [];

    protected TableGauges(string meterName, ReliefClock clock, IOptions<TableGaugeOptions> options, ILogger logger)
    {
        Meter = new Meter(meterName);
        Clock = clock;
        _refresh = options.Value.Refresh;
        _logger = logger;
    }

    protected Meter Meter { get; }

    /// <summary>The domain clock: the instant the figures are read at and ages are measured from.</summary>
    protected ReliefClock Clock { get; }

    /// <summary>The one query of a refresh.</summary>
    protected abstract Task<IReadOnlyList<TRow>> Read(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>One measurement per row of the latest snapshot.</summary>
    protected IEnumerable<Measurement<T>> Measure<T>(Func<TRow, T> value, Func<TRow, KeyValuePair<string, object?>[]> tags) where T : struct =>
        _snapshot.Select(row => new Measurement<T>(value(row), tags(row)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_refresh);
        do
        {
            try
            {
                _snapshot = await Read(Clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be starting or gone for a moment; the next tick tries again.
                _logger.LogDebug(ex, "{Gauges} could not read their table", GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        Meter.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
