namespace Relief.Workflows.Funds;

/// <summary>
/// An account's money by source, derived from its ledger. Conservation, per source: received = allocated down +
/// reserved + disbursed + returned up + spent on goods + available; available never negative. (Goods themselves are
/// the stock, <see cref="StockLine"/>.)
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.AccountBalances")]
public sealed record AccountBalances(
    [property: Id(0)] SourceAmounts Received,
    [property: Id(1)] SourceAmounts InTransit,
    [property: Id(2)] SourceAmounts AllocatedDown,
    [property: Id(3)] SourceAmounts Reserved,
    [property: Id(4)] SourceAmounts Disbursed,
    [property: Id(5)] SourceAmounts ReturnedUp,
    [property: Id(6)] SourceAmounts? GoodsBought = null)
{
    public static AccountBalances Empty { get; } = new(
        SourceAmounts.None, SourceAmounts.None, SourceAmounts.None, SourceAmounts.None, SourceAmounts.None, SourceAmounts.None, SourceAmounts.None);

    /// <summary>Money spent on goods (null only in a state stored before goods were kept; the account makes it none when it loads).</summary>
    public SourceAmounts SpentOnGoods => GoodsBought ?? SourceAmounts.None;

    public SourceAmounts Available => Received - AllocatedDown - Reserved - Disbursed - ReturnedUp - SpentOnGoods;

    /// <summary>The balances after one more entry.</summary>
    public AccountBalances After(LedgerEntry entry) => After(entry.Kind, entry.Amounts);

    /// <summary>
    /// The balances after entries of one kind amounting to <paramref name="amounts"/>: each kind adds to or takes from
    /// fixed balances, so a sum of entries moves them as the entries one by one do, in any order.
    /// </summary>
    public AccountBalances After(LedgerEntryKind kind, SourceAmounts amounts) => kind switch
    {
        LedgerEntryKind.Grant => this with { Received = Received + amounts },
        LedgerEntryKind.AllocationIn => this with { InTransit = InTransit + amounts },
        LedgerEntryKind.ReceiptConfirmed => this with { InTransit = InTransit - amounts, Received = Received + amounts },
        LedgerEntryKind.AllocationOut => this with { AllocatedDown = AllocatedDown + amounts },
        LedgerEntryKind.ReturnedUp => this with { ReturnedUp = ReturnedUp + amounts },
        LedgerEntryKind.ReturnedFromChild => this with { AllocatedDown = AllocatedDown - amounts },
        LedgerEntryKind.Reserved => this with { Reserved = Reserved + amounts },
        LedgerEntryKind.Released => this with { Reserved = Reserved - amounts },
        LedgerEntryKind.Disbursed => this with { Reserved = Reserved - amounts, Disbursed = Disbursed + amounts },
        LedgerEntryKind.GoodsBought => this with { GoodsBought = SpentOnGoods + amounts },
        _ => this, // other goods entries move stock, not money
    };

    public static AccountBalances Of(IEnumerable<LedgerEntry> ledger) => ledger.Aggregate(Empty, (balances, entry) => balances.After(entry));

    /// <summary>The balances the summed rows of one account (or of a subtree, as one account) come to.</summary>
    public static AccountBalances Of(IEnumerable<LedgerTotal> totals) => totals.Aggregate(Empty, (balances, total) => balances.After(total.Kind, total.Amounts));

    /// <summary>Null when the balances are sound; else what is broken.</summary>
    public string? Fault()
    {
        foreach (var (name, amounts) in new[] { ("received", Received), ("in transit", InTransit), ("allocated down", AllocatedDown),
                     ("reserved", Reserved), ("disbursed", Disbursed), ("returned up", ReturnedUp), ("spent on goods", SpentOnGoods), ("available", Available) })
        {
            if (!amounts.IsNonNegative)
            {
                return $"{name} is negative: {amounts}";
            }
        }
        return null;
    }
}
