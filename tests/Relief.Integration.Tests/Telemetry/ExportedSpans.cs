using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Relief.Integration.Tests.Telemetry;

/// <summary>The spans a host exports, caught by OpenTelemetry's in-memory exporter beside the host's own exporters.</summary>
public static class ExportedSpans
{
    public static Action<IServiceCollection> Into(List<Activity> spans) =>
        services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));

    // The exporter appends from other threads; a copy taken mid-append (the list changed, or grew past the copy's
    // array) is simply taken again.
    public static List<Activity> Snapshot(List<Activity> spans)
    {
        try
        {
            return [.. spans];
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return [];
        }
    }
}
