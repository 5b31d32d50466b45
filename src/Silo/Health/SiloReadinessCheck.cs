using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Relief.Silo.Health;

/// <summary>Readiness as a health check, so load balancers and Kubernetes probes read it the usual way.</summary>
public sealed class SiloReadinessCheck(SiloReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy(readiness.Status)
            : HealthCheckResult.Unhealthy(readiness.Status));
}
