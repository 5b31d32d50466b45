using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Relief.Silo.Configuration;
using Relief.Workflows.Telemetry;

namespace Relief.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for the whole process (section <c>Relief:Telemetry</c>): traces of HTTP requests, Orleans grain
/// calls, workflow steps and storage, sampled at the root and kept at the end when failed or slow (ADR 25); Relief's
/// and Orleans' meters; logs with trace ids. OTLP when an endpoint is set, the console when <c>Console</c> is true,
/// Prometheus scraping at <c>/metrics</c> always.
/// </summary>
public static class TelemetrySetup
{
    public const string Section = "Relief:Telemetry";
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static WebApplicationBuilder AddReliefTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var sampling = TracingSettings.FromConfiguration(section);
        var otlp = section["OtlpEndpoint"] is { Length: > 0 } endpoint
            ? Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : throw new ReliefConfigurationException($"{Section}:OtlpEndpoint", $"'{endpoint}' is not an absolute URL")
            : null;
        var console = bool.TryParse(section["Console"], out var on) && on;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("relief-silo", serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing.SetSampler(new RootSampler(sampling.SamplingRatio))
                    .AddProcessor(new KeptRootProcessor(sampling.SlowRequest))
                    .AddSource(ReliefTelemetry.Name)
                    .AddSource(OrleansSources)
                    .AddSource("Npgsql")
                    .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal));
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ReliefTelemetry.Name, QueueGauges.MeterName, WakeupGauges.MeterName, IncidentGauges.MeterName, "Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            })
            .WithLogging(logging =>
            {
                if (console)
                {
                    logging.AddConsoleExporter();
                }
            }, options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });
        if (otlp is not null)
        {
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, otlp);
        }
        builder.Services.AddHostedService<QueueGauges>();
        builder.Services.AddHostedService<WakeupGauges>();
        builder.Services.AddHostedService<IncidentGauges>();
        return builder;
    }

    public static WebApplication MapReliefMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
