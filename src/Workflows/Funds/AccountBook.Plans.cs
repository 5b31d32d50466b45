namespace Relief.Workflows.Funds;

/// <summary>One child's share of an allocation plan: money (by the sources named, or in proportion to what is available).</summary>
[GenerateSerializer, Immutable, Alias("Relief.PlanShare")]
public sealed record PlanShare([property: Id(0)] string Child, [property: Id(1)] Money Amount, [property: Id(2)] SourceAmounts? Sources = null);

/// <summary>What carrying out a plan did: the allocation id of each child's money, or why nothing moved.</summary>
public sealed record PlanOutcome(IReadOnlyDictionary<string, Guid> Allocations, string? Refusal, bool IsNew)
{
    public static PlanOutcome Refused(string reason) => new(new Dictionary<string, Guid>(), reason, false);
}

public sealed partial class AccountBook
{
    /// <summary>The allocation plans carried out here: each child's allocation id, by plan id (a plan is carried out once).</summary>
    [Id(13)] public Dictionary<Guid, Dictionary<string, Guid>> Plans { get; set; } = [];

    /// <summary>
    /// Every child's share of a plan allocated at once, each an allocation entry of its own (its id derived from the
    /// plan's movement, so a repeat names the same allocations), or nothing at all when the available money does not
    /// cover every share by source. A plan carried out before changes nothing and answers with its allocations.
    /// </summary>
    public PlanOutcome AllocatePlan(Guid planId, IReadOnlyList<PlanShare> shares, Movement movement)
    {
        if (Plans.TryGetValue(planId, out var done))
        {
            return new PlanOutcome(done, null, false);
        }
        // Shares that name their sources take them first; the others share what is left in proportion.
        var paying = shares.Where(s => s.Amount.IsPositive).ToList();
        var left = Available;
        var splitOf = new Dictionary<string, SourceAmounts>();
        foreach (var share in paying.OrderBy(s => s.Sources is null))
        {
            var taken = share.Sources ?? ProportionalSplit.Split(share.Amount, left);
            if (taken is null || taken.Total != share.Amount || !taken.IsNonNegative || !taken.FitsWithin(left))
            {
                var needed = shares.Aggregate(Money.Zero, (sum, s) => sum + s.Amount);
                return PlanOutcome.Refused(
                    $"the plan needs {needed} in all and {share.Child}'s share of {share.Amount} does not fit in what is left by source ({left}); available {Available}: nothing was allocated");
            }
            left -= taken;
            splitOf[share.Child] = taken;
        }
        var splits = paying.Select(s => (s.Child, Split: splitOf[s.Child])).ToList();
        var allocations = new Dictionary<string, Guid>();
        for (var i = 0; i < splits.Count; i++)
        {
            var (child, split) = splits[i];
            var part = movement.Part(i + 1);
            ToChildren[child] = ToChildren.GetValueOrDefault(child, SourceAmounts.None) + split;
            Append(part, LedgerEntryKind.AllocationOut, split, child, planId.ToString());
            allocations[child] = part.Id;
        }
        Plans[planId] = allocations;
        return new PlanOutcome(allocations, null, true);
    }
}
