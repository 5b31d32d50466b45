using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Relief.Workflows;
using Relief.Workflows.Queues;

namespace Relief.Silo.Telemetry;

/// <summary>How often the queue gauges re-read the queue table.</summary>
public sealed class QueueGaugeOptions
{
    public TimeSpan Refresh { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Queue depth, oldest waiting age and overdue cases per programme and level, read from the queue table every
/// <see cref="QueueGaugeOptions.Refresh"/> (one grouped query, not one per scrape). Every silo reports the same
/// cluster-wide figures: take the maximum across silos, not the sum.
/// </summary>
public sealed class QueueGauges : BackgroundService
{
    public const string MeterName = "Relief.Queues";

    private readonly ICaseQueues _queues;
    private readonly ReliefClock _clock;
    private readonly TimeSpan _refresh;
    private readonly ILogger<QueueGauges> _logger;
    private readonly Meter _meter = new(MeterName);
    private volatile IReadOnlyList<QueueDepth> _snapshot = [];

    public QueueGauges(ICaseQueues queues, ReliefClock clock, IOptions<QueueGaugeOptions> options, ILogger<QueueGauges> logger)
    {
        _queues = queues;
        _clock = clock;
        _refresh = options.Value.Refresh;
        _logger = logger;
        _meter.CreateObservableGauge("relief.queue.depth", () => Measure(d => d.Waiting), "{case}", "Cases waiting for a decision, per programme and level.");
        _meter.CreateObservableGauge("relief.queue.oldest_age", () => Measure(d => d.OldestSince is { } since ? (_clock.GetUtcNow() - since).TotalSeconds : 0), "s",
            "How long the oldest waiting case has waited, per programme and level.");
        _meter.CreateObservableGauge("relief.cases.overdue", () => Measure(d => d.Overdue), "{case}", "Cases waiting past their step's service deadline.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_refresh);
        do
        {
            try
            {
                _snapshot = await _queues.Depths(_clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be starting or gone for a moment; the next tick tries again.
                _logger.LogDebug(ex, "Queue gauges could not read the queue table");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<T>> Measure<T>(Func<QueueDepth, T> value) where T : struct =>
        _snapshot.Select(d => new Measurement<T>(value(d),
            new KeyValuePair<string, object?>(Workflows.Telemetry.ReliefTelemetry.Programme, d.ProgrammeId.ToString()),
            new KeyValuePair<string, object?>(Workflows.Telemetry.ReliefTelemetry.Level, d.Level.ToString())));

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }
}
