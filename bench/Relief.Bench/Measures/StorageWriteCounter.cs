using System.Diagnostics.Metrics;
using Relief.Workflows.Telemetry;

namespace Relief.Bench.Measures;

/// <summary>
/// Counts grain-state writes (and clears) by listening to the Relief meter's <c>relief.storage.duration</c>
/// histogram, which <c>TracedGrainStorage</c> records once per call into Orleans' ADO.NET storage provider. A write
/// counted here is one state row upserted by the provider (one statement, one transaction); queue rows, activity rows
/// and reminders go to the database by other paths and are not counted. A call that failed is counted too (the
/// instrument does not say), which the harness checks stays negligible through the absence of refusals.
/// </summary>
public sealed class StorageWriteCounter : IDisposable
{
    private const string Instrument = "relief.storage.duration";

    private readonly MeterListener _listener = new();
    private long _writes;
    private long _reads;

    public StorageWriteCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ReliefTelemetry.Name && instrument.Name == Instrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    public long Writes => Interlocked.Read(ref _writes);

    public long Reads => Interlocked.Read(ref _reads);

    private void OnMeasurement(Instrument instrument, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key != "operation")
            {
                continue;
            }
            if (tag.Value is "write" or "clear")
            {
                Interlocked.Increment(ref _writes);
            }
            else if (tag.Value is "read")
            {
                Interlocked.Increment(ref _reads);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
