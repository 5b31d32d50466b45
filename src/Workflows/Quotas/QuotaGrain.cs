using Relief.Workflows.Common;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Quotas;

/// <summary>What a quota grain persists. The set of case ids makes taking and releasing idempotent.</summary>
[GenerateSerializer, Alias("Relief.QuotaState")]
public sealed class QuotaState : IStateWithMembers
{
    [Id(0)] public int Quota { get; set; }
    [Id(1)] public Dictionary<string, int> Children { get; set; } = [];

    /// <summary>The holders as a state stored before schema 11 carried them (ADR 24); moved into <see cref="Holders"/> once read.</summary>
    [Id(2)] public HashSet<Guid>? EarlierHolders { get; set; }

    /// <summary>The cases holding a place here, by case id, each its own row: a place taken costs one row, however many are held.</summary>
    public MemberSet<bool> Holders => _holders;

    [NonSerialized] private readonly MemberSet<bool> _holders = new("holders");

    /// <summary>The allocation plans whose places were given to the children here, with what each child got.</summary>
    [Id(3)] public Dictionary<Guid, Dictionary<string, int>> Plans { get; set; } = [];

    IEnumerable<IMemberRows> IStateWithMembers.MemberSets => [Holders];

    void IStateWithMembers.Loaded()
    {
        foreach (var caseId in EarlierHolders ?? [])
        {
            Holders.Put(HolderKey(caseId), true);
        }
        EarlierHolders = null;
    }

    public static string HolderKey(Guid caseId) => caseId.ToString("D");
}

public sealed class QuotaGrain(
    [PersistentState("quota", StorageNames.Hot)] IPersistentState<QuotaState> quota) : Grain, IQuotaGrain
{
    private (Guid ProgrammeId, string UnitCode) Key => QuotaKeys.Parse(this.GetPrimaryKeyString());

    public async Task<CommandResult> SetNational(int recipients, Actor actor)
    {
        if (Key.UnitCode != OrgCode.NationalCode || actor.UnitCode != OrgCode.NationalCode)
        {
            return CommandResult.Forbidden("Only the national unit sets its own quota; other units receive theirs from their parent.");
        }
        return await Receive(recipients);
    }

    public async Task<CommandResult> Allocate(string childCode, int recipients, Actor actor)
    {
        var (programmeId, unit) = Key;
        if (actor.UnitCode != unit)
        {
            return CommandResult.Forbidden($"Only {unit} splits its quota among its children.");
        }
        if (!OrgCode.TryParse(childCode, out var child, out _) || child.Parent?.Value != unit)
        {
            return CommandResult.Invalid("code", $"{childCode} is not a direct child of {unit}");
        }
        if (recipients < 0)
        {
            return CommandResult.Invalid("recipients", "a quota cannot be negative");
        }
        var othersAllocated = quota.State.Children.Where(c => c.Key != childCode).Sum(c => c.Value);
        if (othersAllocated + recipients > quota.State.Quota)
        {
            return CommandResult.Conflict(
                $"{unit} has a quota of {quota.State.Quota} and has given {othersAllocated} to other children: {recipients} more does not fit.");
        }
        var received = await GrainFactory.GetGrain<IQuotaGrain>(QuotaKeys.For(programmeId, childCode)).Receive(recipients);
        if (!received.Succeeded)
        {
            return received;
        }
        quota.State.Children[childCode] = recipients;
        await quota.WriteOrDeactivate(DeactivateOnIdle);
        return CommandResult.Done;
    }

    public async Task<CommandResult> AllocatePlan(Guid planId, IReadOnlyDictionary<string, int> places, Actor actor)
    {
        var unit = Key.UnitCode;
        if (actor.UnitCode != unit)
        {
            return CommandResult.Forbidden($"Only {unit} splits its quota among its children.");
        }
        if (!quota.State.Plans.ContainsKey(planId))
        {
            var adding = places.Values.Sum(p => (long)p);
            var allocated = quota.State.Children.Values.Sum(p => (long)p);
            if (places.Values.Any(p => p < 0))
            {
                return CommandResult.Invalid("recipients", "a quota cannot be negative");
            }
            if (allocated + adding > quota.State.Quota)
            {
                return CommandResult.Conflict(
                    $"{unit} has a quota of {quota.State.Quota} and has given {allocated} places to its children: the plan's {adding} more do not fit.");
            }
            foreach (var (child, count) in places)
            {
                quota.State.Children[child] = quota.State.Children.GetValueOrDefault(child) + count;
            }
            quota.State.Plans[planId] = new Dictionary<string, int>(places);
            await quota.WriteOrDeactivate(DeactivateOnIdle);
        }
        return CommandResult.Done;
    }

    public async Task<CommandResult> GivePlan(Guid planId, Actor actor)
    {
        if (actor.UnitCode != Key.UnitCode)
        {
            return CommandResult.Forbidden($"Only {Key.UnitCode} splits its quota among its children.");
        }
        // Each child told its whole quota, which is idempotent: given again after a lost silo, nothing more.
        return quota.State.Plans.TryGetValue(planId, out var places) ? await TellChildren(places.Keys) : CommandResult.NotFound($"No plan {planId} here.");
    }

    public async Task<CommandResult> WithdrawPlan(Guid planId, Actor actor)
    {
        if (actor.UnitCode != Key.UnitCode)
        {
            return CommandResult.Forbidden($"Only {Key.UnitCode} splits its quota among its children.");
        }
        if (!quota.State.Plans.Remove(planId, out var places))
        {
            return CommandResult.Done;
        }
        foreach (var (child, count) in places)
        {
            quota.State.Children[child] = quota.State.Children.GetValueOrDefault(child) - count;
        }
        await quota.WriteOrDeactivate(DeactivateOnIdle);
        return CommandResult.Done;
    }

    private async Task<CommandResult> TellChildren(IEnumerable<string> children)
    {
        foreach (var child in children)
        {
            var told = await GrainFactory.GetGrain<IQuotaGrain>(QuotaKeys.For(Key.ProgrammeId, child)).Receive(quota.State.Children.GetValueOrDefault(child));
            if (!told.Succeeded)
            {
                return told;
            }
        }
        return CommandResult.Done;
    }

    public async Task<CommandResult> Receive(int recipients)
    {
        if (recipients < 0)
        {
            return CommandResult.Invalid("recipients", "a quota cannot be negative");
        }
        var allocated = quota.State.Children.Values.Sum();
        if (recipients < quota.State.Holders.Count || recipients < allocated)
        {
            return CommandResult.Conflict(
                $"{Key.UnitCode} has already approved {quota.State.Holders.Count} cases and given {allocated} places to its children: its quota cannot go below that.");
        }
        quota.State.Quota = recipients;
        await quota.WriteOrDeactivate(DeactivateOnIdle);
        return CommandResult.Done;
    }

    public async Task<bool> TryTake(Guid caseId)
    {
        if (quota.State.Holders.Contains(QuotaState.HolderKey(caseId)))
        {
            return true;
        }
        if (quota.State.Holders.Count >= quota.State.Quota)
        {
            return false;
        }
        quota.State.Holders.Put(QuotaState.HolderKey(caseId), true);
        await quota.WriteOrDeactivate(DeactivateOnIdle);
        return true;
    }

    public async Task Release(Guid caseId)
    {
        if (quota.State.Holders.Remove(QuotaState.HolderKey(caseId)))
        {
            await quota.WriteOrDeactivate(DeactivateOnIdle);
        }
    }

    public Task<QuotaView> Describe()
    {
        var state = quota.State;
        var allocated = state.Children.Values.Sum();
        return Task.FromResult(new QuotaView(state.Quota, allocated, state.Holders.Count, state.Quota - state.Holders.Count,
            new Dictionary<string, int>(state.Children)));
    }
}
