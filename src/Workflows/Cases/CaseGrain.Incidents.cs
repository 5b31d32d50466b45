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

    private async Task RecordIncident(string step, Exception fault)
    {
        State.Incidents.Add(new CaseIncident(clock.GetUtcNow(), step, fault.Message, null));
        await @case.WriteStateAsync();
        var period = incidents.Value.RetryPeriod;
        await this.RegisterOrUpdateReminder(IncidentReminder, period, period);
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
        if (!State.Incidents.Any(i => i.ResolvedAt is null) && await this.GetReminder(IncidentReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
