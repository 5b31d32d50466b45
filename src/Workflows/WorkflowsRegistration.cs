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
        // The calendar in force: a copy per silo for the case steps, kept in step with the calendar grain.
        services.TryAddSingleton<Notices.CurrentHolidayCalendar>();
        services.AddSingleton<Notices.HolidayCalendarRefresh>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<Notices.HolidayCalendarRefresh>());
        services.AddOptions<Notices.NoticeOptions>();
        // Due times wake grains from rows swept by a few sweeper grains (ADR 16).
        services.AddOptions<Engine.Timers.WakeupOptions>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Engine.Timers.WakeupSweepers>();
        return services;
    }
}
