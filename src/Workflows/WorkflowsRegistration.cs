using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Relief.Workflows;

/// <summary>The services the grains of this assembly need inside a silo.</summary>
public static class WorkflowsRegistration
{
    public static IServiceCollection AddReliefWorkflows(this IServiceCollection services)
    {
        // Grains read the domain's clock, so tests and the benchmark can move time without moving Orleans'.
        services.TryAddSingleton(ReliefClock.RealTime);
        services.TryAddSingleton(Notices.HolidayCalendar.Shipped);
        services.AddOptions<Notices.NoticeOptions>();
        return services;
    }
}
