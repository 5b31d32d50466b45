using System.Diagnostics;
using Orleans.Storage;
using Relief.Workflows.Telemetry;

namespace Relief.Silo.Telemetry;

/// <summary>
/// Orleans' ADO.NET grain storage with a span and a latency measurement around every read, write and clear, so a
/// trace shows each state write of a workflow step and ops see the storage's latency.
/// </summary>
public sealed class TracedGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Measure("read", stateName, grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Measure("write", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Measure("clear", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    private static async Task Measure(string operation, string stateName, GrainId grainId, Func<Task> call)
    {
        using var span = ReliefTelemetry.Source.StartActivity($"storage {operation} {stateName}", ActivityKind.Client);
        span?.SetTag("db.operation.name", operation);
        span?.SetTag("relief.state", stateName);
        span?.SetTag("relief.grain_type", grainId.Type.ToString());
        var started = Stopwatch.GetTimestamp();
        try
        {
            await call();
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            ReliefTelemetry.StorageLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("relief.state", stateName));
        }
    }
}
