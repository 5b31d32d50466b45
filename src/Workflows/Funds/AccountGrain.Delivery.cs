using Relief.Workflows.Common;

namespace Relief.Workflows.Funds;

/// <summary>Messages between accounts: applied once by movement id, redelivered from the outbox until acknowledged.</summary>
public sealed partial class AccountGrain
{
    private const string DeliveryReminder = "deliveries";

    public async Task AcceptAllocation(string parentCode, SourceAmounts amounts, Movement movement)
    {
        if (Book.ReceiveAllocation(parentCode, amounts, movement).IsNew)
        {
            await Persist();
        }
    }

    public async Task<LedgerResult> SurrenderToParent(Money amount, Movement movement)
    {
        var parent = Relief.Workflows.Hierarchy.OrgCode.Parse(Key.UnitCode).Parent!.Value.Value;
        return await Surrender(parent, amount, movement);
    }

    public async Task AcceptReturn(string childCode, SourceAmounts amounts, Movement movement)
    {
        var outcome = Book.ReturnedFromChild(childCode, amounts, movement);
        if (outcome.IsNew)
        {
            await Persist();
        }
    }

    public async Task AcceptConfirmation(Guid allocationId)
    {
        if (!account.State.AwaitingConfirmation.TryGetValue(allocationId, out var allocation))
        {
            return;
        }
        // The plan hears of the receipt before it stops being awaited here: if it cannot be told now, this fails and
        // the child delivers the confirmation again.
        if (allocation.Plan is { } plan)
        {
            await GrainFactory.GetGrain<Plans.IAllocationPlanGrain>(plan).ReceiptConfirmed(allocation.Child, allocationId);
        }
        account.State.AwaitingConfirmation.Remove(allocationId);
        await Persist();
    }

    public async Task Delivered(Guid movementId)
    {
        if (account.State.Outbox.RemoveAll(d => d.Movement.Id == movementId) > 0)
        {
            await Persist();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == DeliveryReminder)
        {
            await Flush();
        }
    }

    /// <summary>Gives money back to the parent: written here first, delivered from the outbox.</summary>
    private async Task<LedgerResult> Surrender(string parent, Money amount, Movement movement)
    {
        var outcome = Book.GiveBack(parent, amount, movement);
        if (outcome is { IsNew: true, Entry: { } entry })
        {
            account.State.Outbox.Add(new PendingDelivery(DeliveryKind.Return, parent, entry.Amounts, movement, null));
            await ArmRedelivery();
            await Persist();
        }
        return LedgerResult.From(outcome);
    }

    /// <summary>Delivers what the outbox holds; what cannot be delivered now waits for the reminder.</summary>
    private async Task Flush()
    {
        var delivered = 0;
        foreach (var delivery in account.State.Outbox.ToList())
        {
            try
            {
                var target = GrainFactory.GetGrain<IAccountGrain>(AccountKeys.For(Key.ProgrammeId, delivery.TargetUnit));
                await (delivery.Kind switch
                {
                    DeliveryKind.Allocation => target.AcceptAllocation(Key.UnitCode, delivery.Amounts, delivery.Movement),
                    DeliveryKind.Return => target.AcceptReturn(Key.UnitCode, delivery.Amounts, delivery.Movement),
                    DeliveryKind.GoodsAllocation => target.AcceptGoods(Key.UnitCode, delivery.Goods!, delivery.Movement),
                    _ => target.AcceptConfirmation(delivery.AllocationId!.Value),
                });
                account.State.Outbox.Remove(delivery);
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await ArmRedelivery();
                delivered++; // persist the armed flag with whatever was delivered
                break;
            }
        }
        if (account.State.Outbox.Count == 0 && account.State.RedeliveryArmed)
        {
            if (await this.GetReminder(DeliveryReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            account.State.RedeliveryArmed = false;
            delivered++;
        }
        if (delivered > 0)
        {
            await Persist();
        }
    }

    private async Task ArmRedelivery()
    {
        if (!account.State.RedeliveryArmed)
        {
            await this.RegisterOrUpdateReminder(DeliveryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            account.State.RedeliveryArmed = true;
        }
    }

    /// <summary>
    /// Writes the state with the entries appended since the last write (as rows, in one transaction: ADR 21); a failed
    /// write drops the activation, and its unwritten entries with it, so memory never runs ahead of storage.
    /// </summary>
    private async Task Persist()
    {
        await account.WriteOrDeactivate(DeactivateOnIdle);
        Book.MarkStored();
    }
}

internal static class LedgerEntryMovements
{
    public static Movement ToMovement(this LedgerEntry entry) => new(entry.Id, entry.At, entry.Actor, entry.Reference, entry.Note);
}
