using Microsoft.Extensions.Options;
using Relief.Workflows;
using Relief.Workflows.Queues;
using Relief.Workflows.Telemetry;

namespace Relief.Silo.Telemetry;

/// <summary>Cases with an open incident (an effect that failed and is retried at every sweep) per programme and province.</summary>
public sealed class IncidentGauges : TableGauges<IncidentCount>
{
    public const string MeterName = "Relief.Incidents";

    private readonly ICaseInstances _instances;

    public IncidentGauges(ICaseInstances instances, ReliefClock clock, IOptions<TableGaugeOptions> options, ILogger<IncidentGauges> logger)
        : base(MeterName, clock, options, logger)
    {
        _instances = instances;
        Meter.CreateObservableGauge("relief.cases.with_open_incidents", () => Measure(count => count.Cases, Tags), "{case}",
            "Cases with at least one open incident, per programme and province of filing.");
    }

    protected override Task<IReadOnlyList<IncidentCount>> Read(DateTimeOffset now, CancellationToken cancellationToken) => _instances.OpenIncidents(cancellationToken);

    private static KeyValuePair<string, object?>[] Tags(IncidentCount count) =>
    [
        new(ReliefTelemetry.Programme, count.ProgrammeId.ToString()),
        new(ReliefTelemetry.Province, count.ProvinceCode),
    ];
}
