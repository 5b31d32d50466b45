using Relief.Workflows;
using Relief.Workflows.Engine.Timers;

namespace Relief.Integration.Tests.Timers;

/// <summary>A grain of the tests' own that a due time wakes, as a waiting case will be: it counts how often it went off.</summary>
[Alias("Relief.Tests.IAlarmGrain")]
public interface IAlarmGrain : IWakeable, IGrainWithGuidKey
{
    [Alias("Arm")]
    Task Arm(DateTimeOffset dueAt);

    [Alias("Fired")]
    Task<int> Fired();
}

[GenerateSerializer, Alias("Relief.Tests.AlarmState")]
public sealed class AlarmState
{
    [Id(0)] public DateTimeOffset? DueAt { get; set; }
    [Id(1)] public int Fired { get; set; }
}

/// <summary>Goes off once when due: what is due comes from its state, and it clears its own wake-up afterwards.</summary>
public sealed class AlarmGrain(
    [PersistentState("alarm", StorageNames.Relief)] IPersistentState<AlarmState> alarm, IWakeups wakeups, ReliefClock clock) : Grain, IAlarmGrain
{
    public async Task Arm(DateTimeOffset dueAt)
    {
        alarm.State.DueAt = dueAt;
        await alarm.WriteStateAsync();
        await wakeups.Schedule(this.GetGrainId(), dueAt);
    }

    public Task<int> Fired() => Task.FromResult(alarm.State.Fired);

    public async Task Wake()
    {
        if (alarm.State.DueAt is { } due && due <= clock.GetUtcNow())
        {
            alarm.State.DueAt = null;
            alarm.State.Fired++;
            await alarm.WriteStateAsync();
        }
        await wakeups.Schedule(this.GetGrainId(), alarm.State.DueAt);
    }
}
