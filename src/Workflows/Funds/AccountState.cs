namespace Relief.Workflows.Funds;

/// <summary>What kind of message an account still owes another account.</summary>
public enum DeliveryKind
{
    /// <summary>Parent to child: an allocation to put in transit.</summary>
    Allocation,

    /// <summary>Child to parent: money coming back up.</summary>
    Return,

    /// <summary>Child to parent: an allocation was confirmed, so it is no longer in transit.</summary>
    Confirmation,

    /// <summary>Parent to child: goods to put in transit.</summary>
    GoodsAllocation,
}

/// <summary>A movement written here that another account has not acknowledged yet.</summary>
[GenerateSerializer, Immutable, Alias("Relief.PendingDelivery")]
public sealed record PendingDelivery(
    [property: Id(0)] DeliveryKind Kind,
    [property: Id(1)] string TargetUnit,
    [property: Id(2)] SourceAmounts Amounts,
    [property: Id(3)] Movement Movement,
    [property: Id(4)] Guid? AllocationId,
    [property: Id(5)] ItemLot? Goods = null);

/// <summary>
/// An allocation to a child (money, or one item of goods) that the child has not confirmed yet; with the allocation
/// plan it carries out, if any (told of the receipt).
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.AllocationInTransit")]
public sealed record AllocationInTransit(
    [property: Id(0)] string Child,
    [property: Id(1)] SourceAmounts Amounts,
    [property: Id(2)] ItemLot? Goods = null,
    [property: Id(3)] Guid? Plan = null);

/// <summary>What an account grain persists; the storage writes <see cref="UnstoredEntries"/> as rows with it (ADR 21).</summary>
[GenerateSerializer, Alias("Relief.AccountState")]
public sealed class AccountState : ILedgerRecords
{
    public IReadOnlyList<LedgerEntry> UnstoredEntries => Book.Unstored;

    [Id(0)] public AccountBook Book { get; set; } = new();
    [Id(1)] public List<PendingDelivery> Outbox { get; set; } = [];
    [Id(2)] public Dictionary<Guid, AllocationInTransit> AwaitingConfirmation { get; set; } = [];

    /// <summary>Whether the redelivery reminder is registered (saves a reminder-table read on every flush).</summary>
    [Id(3)] public bool RedeliveryArmed { get; set; }
}

/// <summary>What the account storage writes beside the state, in the same transaction: the entries not yet stored.</summary>
public interface ILedgerRecords
{
    IReadOnlyList<LedgerEntry> UnstoredEntries { get; }
}
