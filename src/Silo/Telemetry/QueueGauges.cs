using Microsoft.Extensions.Options;
using Relief.Workflows;
using Relief.Workflows.Queues;
using Relief.Workflows.Telemetry;

namespace Relief.Silo.Telemetry;

/// <summary>Queue depth, oldest waiting age and overdue cases per programme, level and province, read from the queue table.</summary>
public sealed class QueueGauges : TableGauges<QueueDepth>
{
    public const string MeterName = "Relief.Queues";

    private readonly ICaseQueues _queues;

    public QueueGauges(ICaseQueues queues, ReliefClock clock, IOptions<TableGaugeOptions> options, ILogger<QueueGauges> logger)
        : base(MeterName, clock, options, logger)
    {
        _queues = queues;
        Meter.CreateObservableGauge("relief.queue.depth", () => Measure(d => d.Waiting, Tags), "{case}",
            "Cases waiting for a decision, per programme, level and province.");
        Meter.CreateObservableGauge("relief.queue.oldest_age", () => Measure(d => d.OldestSince is { } since ? (Clock.GetUtcNow() - since).TotalSeconds : 0, Tags), "s",
            "How long the oldest waiting case has waited, per programme, level and province.");
        Meter.CreateObservableGauge("relief.cases.overdue", () => Measure(d => d.Overdue, Tags), "{case}",
            "Cases waiting past their step's service deadline, per programme, level and province.");
    }

    protected override Task<IReadOnlyList<QueueDepth>> Read(DateTimeOffset now, CancellationToken cancellationToken) => _queues.Depths(now, cancellationToken);

    private static KeyValuePair<string, object?>[] Tags(QueueDepth depth) =>
    [
        new(ReliefTelemetry.Programme, depth.ProgrammeId.ToString()),
        new(ReliefTelemetry.Level, depth.Level.ToString()),
        new(ReliefTelemetry.Province, depth.ProvinceCode),
    ];
}
