using Microsoft.Extensions.Logging;

namespace Relief.Workflows.Notices;

/// <summary>
/// This silo's copy of the calendar in force, for what reads it on every step (a case's service deadline): it
/// starts as shipped, is set at once on the silo where a replacement is made, and is read again from the
/// calendar grain every <see cref="RefreshPeriod"/> by <see cref="HolidayCalendarRefresh"/>. A notice window is
/// never counted on this copy: the notice board asks the calendar grain when it publishes.
/// </summary>
public sealed class CurrentHolidayCalendar
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(1);

    private volatile HolidayCalendar _calendar = HolidayCalendar.Shipped;

    public HolidayCalendar Calendar => _calendar;

    public void Set(HolidayCalendar calendar) => _calendar = calendar;
}

/// <summary>Keeps <see cref="CurrentHolidayCalendar"/> in step with the calendar grain while the silo is active.</summary>
public sealed class HolidayCalendarRefresh(IGrainFactory grains, CurrentHolidayCalendar current, ILogger<HolidayCalendarRefresh> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(HolidayCalendarRefresh), ServiceLifecycleStage.Active,
        starting =>
        {
            _ = Task.Run(() => Refresh(_stopping.Token), CancellationToken.None);
            return Task.CompletedTask;
        },
        // Stopping only cancels: a silo's shutdown never waits on a refresh in flight.
        stopping => _stopping.CancelAsync());

    public void Dispose() => _stopping.Dispose();

    private async Task Refresh(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(CurrentHolidayCalendar.RefreshPeriod);
        do
        {
            try
            {
                var years = await grains.GetGrain<IHolidayCalendarGrain>(IHolidayCalendarGrain.Key).Years().WaitAsync(stopping);
                current.Set(new HolidayCalendar(years.Select(y => y.Days)));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The copy in hand stays in force; the next tick tries again.
                logger.LogWarning(ex, "Could not read the holiday calendar in force; keeping this silo's copy");
            }
        }
        while (await WaitForNextTick(timer, stopping));
    }

    private static async Task<bool> WaitForNextTick(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
