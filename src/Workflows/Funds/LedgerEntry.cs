namespace Relief.Workflows.Funds;

/// <summary>What a ledger entry records. Each kind moves money between the balances of one account.</summary>
public enum LedgerEntryKind
{
    /// <summary>Money put in from a source (a grant, a subsidy, own funds, a donation): received.</summary>
    Grant,

    /// <summary>The parent allocated money to this unit: in transit until the unit confirms receipt.</summary>
    AllocationIn,

    /// <summary>This unit confirmed an allocation: in transit becomes received.</summary>
    ReceiptConfirmed,

    /// <summary>This unit allocated money to a child: allocated down.</summary>
    AllocationOut,

    /// <summary>Money went back up to the parent (a reclaim by the parent, or unspent money at close).</summary>
    ReturnedUp,

    /// <summary>A child's money came back: this unit's allocation to it is reduced.</summary>
    ReturnedFromChild,

    /// <summary>A case's amount is set aside at its branch when the case is finally approved.</summary>
    Reserved,

    /// <summary>A reservation is given back (return, rejection, upheld objection).</summary>
    Released,

    /// <summary>A reservation is paid to the household.</summary>
    Disbursed,

    /// <summary>Goods bought with money of this account: the money is spent (by source), the goods received at that value.</summary>
    GoodsBought,

    /// <summary>Goods donated in kind (a social donation, with its donor), received at the value stated.</summary>
    GoodsDonated,

    /// <summary>Goods passed down to a child: passed down here, in transit there until the child confirms.</summary>
    GoodsAllocationOut,

    /// <summary>The parent passed goods down to this unit: in transit until the unit confirms receipt.</summary>
    GoodsAllocationIn,

    /// <summary>This unit confirmed goods from its parent: in transit becomes received.</summary>
    GoodsReceiptConfirmed,

    /// <summary>A case's goods set aside at its branch when the case is finally approved.</summary>
    GoodsSetAside,

    /// <summary>Goods set aside are given back to the stock (return, rejection, upheld objection).</summary>
    GoodsReleased,

    /// <summary>Goods set aside are handed to the household, who signs for them.</summary>
    GoodsIssued,
}

/// <summary>
/// One immutable movement in an account's ledger: when, who, what, how much by source, and the counterpart
/// (the parent or child unit, or the case). <see cref="Seq"/> is its place in the account's ledger (from 1), under
/// which it is stored as a row (ADR 21); <see cref="Category"/> is the recipient category of a case's entry.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] LedgerEntryKind Kind,
    [property: Id(4)] SourceAmounts Amounts,
    [property: Id(5)] string? Counterpart,
    [property: Id(6)] string? Reference,
    [property: Id(7)] string? Note,
    [property: Id(8)] long Seq = 0,
    [property: Id(9)] string? Category = null,
    [property: Id(10)] GoodsLine? Goods = null)
{
    /// <summary>The case a reservation, release or payment is for.</summary>
    public Guid? CaseId => Kind is LedgerEntryKind.Reserved or LedgerEntryKind.Released or LedgerEntryKind.Disbursed
                               or LedgerEntryKind.GoodsSetAside or LedgerEntryKind.GoodsReleased or LedgerEntryKind.GoodsIssued
                           && Guid.TryParse(Counterpart, out var id)
        ? id
        : null;
}
