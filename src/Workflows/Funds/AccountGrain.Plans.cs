using Relief.Workflows.Common;

namespace Relief.Workflows.Funds;

/// <summary>What an account answers a plan: each child's allocation id, or why nothing moved.</summary>
[GenerateSerializer, Immutable, Alias("Relief.PlanAllocation")]
public sealed record PlanAllocation([property: Id(0)] CommandResult Result, [property: Id(1)] IReadOnlyDictionary<string, Guid> Allocations);

/// <summary>An approved allocation plan carried out by the unit's account: every child's money at once, in one write.</summary>
public sealed partial class AccountGrain
{
    public async Task<PlanAllocation> AllocatePlan(Guid planId, IReadOnlyList<PlanShare> shares, Actor actor)
    {
        if (NotOwner(actor) is { } refused)
        {
            return new PlanAllocation(refused.Result, new Dictionary<string, Guid>());
        }
        if (shares.FirstOrDefault(s => NotAChild(s.Child) is not null) is { } stranger)
        {
            return new PlanAllocation(NotAChild(stranger.Child)!.Result, new Dictionary<string, Guid>());
        }
        // The plan's id is the movement's: the same plan asked again names the same allocations.
        var outcome = Book.AllocatePlan(planId, shares, new Movement(planId, clock.GetUtcNow(), actor.ToString(), planId.ToString(), "allocation plan"));
        if (outcome.Refusal is { } refusal)
        {
            return new PlanAllocation(CommandResult.Conflict(refusal), outcome.Allocations);
        }
        if (outcome.IsNew)
        {
            foreach (var entry in Book.Unstored.Where(e => e.Kind == LedgerEntryKind.AllocationOut && outcome.Allocations.Values.Contains(e.Id)))
            {
                account.State.AwaitingConfirmation[entry.Id] = new AllocationInTransit(entry.Counterpart!, entry.Amounts, Plan: planId);
                account.State.Outbox.Add(new PendingDelivery(DeliveryKind.Allocation, entry.Counterpart!, entry.Amounts, entry.ToMovement(), entry.Id));
            }
            await Persist();
        }
        await Flush();
        return new PlanAllocation(CommandResult.Done, outcome.Allocations);
    }
}
