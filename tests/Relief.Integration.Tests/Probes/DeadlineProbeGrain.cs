using Relief.Workflows;

namespace Relief.Integration.Tests.Probes;

/// <summary>A one-shot durable deadline, as later notice windows use: armed once, fires once, records on which silo.</summary>
[Alias("Relief.Tests.IDeadlineProbeGrain")]
public interface IDeadlineProbeGrain : IGrainWithStringKey
{
    [Alias("Arm")]
    Task Arm(TimeSpan dueTime, TimeSpan period);

    [Alias("FiredOn")]
    Task<IReadOnlyList<string>> FiredOn();
}

[GenerateSerializer, Alias("Relief.Tests.DeadlineProbeState")]
public sealed class DeadlineProbeState
{
    [Id(0)] public List<string> FiredOn { get; set; } = [];
}

public sealed class DeadlineProbeGrain(
    [PersistentState("deadline-probe", StorageNames.Relief)] IPersistentState<DeadlineProbeState> probe,
    ILocalSiloDetails silo)
    : Grain, IDeadlineProbeGrain, IRemindable
{
    private const string ReminderName = "deadline";

    public Task Arm(TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public Task<IReadOnlyList<string>> FiredOn() => Task.FromResult<IReadOnlyList<string>>(probe.State.FiredOn);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.State.FiredOn.Add(silo.SiloAddress.ToString());
        await probe.WriteStateAsync();
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
