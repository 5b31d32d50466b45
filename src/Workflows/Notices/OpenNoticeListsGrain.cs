using Relief.Workflows.Common;

namespace Relief.Workflows.Notices;

[GenerateSerializer, Alias("Relief.OpenNoticeListsState")]
public sealed class OpenNoticeListsState
{
    [Id(0)] public HashSet<Guid> Lists { get; set; } = [];
}

/// <summary>
/// The ids of the open notice lists of one shard. A list adds itself before its window is stored and removes
/// itself once closed, so a list that is open is always here (one that never opened is skipped by whoever reads
/// it). Open lists number in the thousands at most (one per noticing unit and day), a few hundred a shard.
/// </summary>
public sealed class OpenNoticeListsGrain(
    [PersistentState("open-notice-lists", StorageNames.Hot)] IPersistentState<OpenNoticeListsState> open) : Grain, IOpenNoticeListsGrain
{
    public async Task Add(Guid listId)
    {
        if (open.State.Lists.Add(listId))
        {
            await open.WriteOrDeactivate(DeactivateOnIdle);
        }
    }

    public async Task Remove(Guid listId)
    {
        if (open.State.Lists.Remove(listId))
        {
            await open.WriteOrDeactivate(DeactivateOnIdle);
        }
    }

    public Task<IReadOnlyList<Guid>> List() => Task.FromResult<IReadOnlyList<Guid>>([.. open.State.Lists]);
}
