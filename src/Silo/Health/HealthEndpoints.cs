using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Relief.Silo.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the silo can serve).</summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddReliefHealth(this IServiceCollection services)
    {
        services.AddSingleton<SiloReadiness>();
        services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapReliefHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteStatus,
        });
        return app;
    }

    private static Task WriteStatus(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description),
        });
}
