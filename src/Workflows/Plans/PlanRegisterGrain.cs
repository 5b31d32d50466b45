using Relief.Workflows.Common;

namespace Relief.Workflows.Plans;

[GenerateSerializer, Alias("Relief.PlanRegisterState")]
public sealed class PlanRegisterState
{
    [Id(0)] public List<Guid> Plans { get; set; } = [];
}

/// <summary>
/// A unit's list of plans. A plan is added here before it is first written, so that no stored plan is missing from
/// its unit's list; an id whose plan was never stored (its preparation refused or lost) is left out when read.
/// </summary>
public sealed class PlanRegisterGrain(
    [PersistentState("plans", StorageNames.Relief)] IPersistentState<PlanRegisterState> register) : Grain, IPlanRegisterGrain
{
    public async Task Add(Guid planId)
    {
        if (!register.State.Plans.Contains(planId))
        {
            register.State.Plans.Insert(0, planId);
            await register.WriteOrDeactivate(DeactivateOnIdle);
        }
    }

    public Task<IReadOnlyList<Guid>> Plans() => Task.FromResult<IReadOnlyList<Guid>>([.. register.State.Plans]);
}
