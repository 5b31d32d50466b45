using Microsoft.Extensions.Options;
using Relief.Workflows.Common;

namespace Relief.Workflows.Cases;

/// <summary>How often a case with an open incident runs its faulted steps again by itself.</summary>
public sealed class IncidentOptions
{
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Faulted steps (a queue row, the notice board) are kept as incidents and retried by a reminder until they
/// succeed, so a silo dying between a case's own write and the next grain's does not leave the case stranded;
/// the retry route remains for ops who will not wait.
/// </summary>
public sealed partial class CaseGrain : IRemindable
{
    private const string IncidentReminder = "retry-incidents";
    private static readonly Actor IncidentRetry = new("incident-retry", "system");

    private IGrainTimer? _incidentTimer;

    private async Task RecordIncident(string step, Exception fault)
    {
        State.Incidents.Add(new CaseIncident(clock.GetUtcNow(), step, fault.Message, null));
        await @case.WriteStateAsync();
        await ArmIncidentRetry();
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Incidents.Any(i => i.ResolvedAt is null))
        {
            await ArmIncidentRetry();
        }
    }

    /// <summary>
    /// The reminder survives the silo; when the reminder service cannot take it at this moment (the silo that
    /// held its range just died), a timer on this activation retries meanwhile and tries the reminder again.
    /// </summary>
    private async Task ArmIncidentRetry()
    {
        var period = incidents.Value.RetryPeriod;
        try
        {
            await this.RegisterOrUpdateReminder(IncidentReminder, period, period);
            _incidentTimer?.Dispose();
            _incidentTimer = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _incidentTimer ??= this.RegisterGrainTimer(async _ =>
            {
                await ReceiveReminder(IncidentReminder, default);
                if (State.Incidents.Any(i => i.ResolvedAt is null))
                {
                    await ArmIncidentRetry();
                }
                else
                {
                    _incidentTimer?.Dispose();
                    _incidentTimer = null;
                }
            }, new GrainTimerCreationOptions(period, period) { Interleave = false });
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != IncidentReminder)
        {
            return;
        }
        if (State.Incidents.Any(i => i.ResolvedAt is null))
        {
            await RetryIncidents(IncidentRetry);
        }
        if (!State.Incidents.Any(i => i.ResolvedAt is null))
        {
            try
            {
                if (await this.GetReminder(IncidentReminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing to retry any more: a reminder left behind finds no open incident and tries to leave again.
            }
        }
    }
}
