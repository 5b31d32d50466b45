namespace Relief.Workflows.Funds;

/// <summary>Paid to households of one recipient category: how many, how much by source.</summary>
public sealed record DisclosedCategory(string Category, long Recipients, SourceAmounts Paid);

/// <summary>An item of goods: how much came in (from above, bought, donated), how much went to households, what is left.</summary>
public sealed record DisclosedGoods(string Item, string Unit, GoodsLot FromAbove, GoodsLot Bought, GoodsLot Donated, GoodsLot Issued, GoodsLot Left);

/// <summary>
/// The year-end public account of a programme's fund at a unit (收支公开), the unit and its subtree taken as one fund:
/// income by source (from the level above, raised within it), spending (paid to households by category, goods issued),
/// money turned into goods, what was returned up, and what is left — and whether income equals everything it went to.
/// Movements between units of the subtree cancel out.
/// </summary>
public sealed record FundDisclosure(
    string Unit,
    SourceAmounts FromAbove,
    SourceAmounts Raised,
    IReadOnlyList<DisclosedCategory> Paid,
    SourceAmounts SpentOnGoods,
    SourceAmounts ReturnedUp,
    SourceAmounts Left,
    IReadOnlyList<DisclosedGoods> Goods)
{
    public SourceAmounts Income => FromAbove + Raised;

    public SourceAmounts PaidTotal => Paid.Aggregate(SourceAmounts.None, (sum, c) => sum + c.Paid);

    /// <summary>Income = paid + spent on goods + returned up + left, by source: false only while a movement is still on its way.</summary>
    public bool Balances => Income == PaidTotal + SpentOnGoods + ReturnedUp + Left;

    /// <param name="root">The unit's own rows, summed.</param>
    /// <param name="subtree">The rows of the unit and every unit below it, summed.</param>
    public static FundDisclosure Of(string unit, IReadOnlyList<LedgerTotal> root, IReadOnlyList<LedgerTotal> subtree)
    {
        SourceAmounts Sum(IEnumerable<LedgerTotal> totals, LedgerEntryKind kind) =>
            totals.Where(t => t.Kind == kind).Aggregate(SourceAmounts.None, (sum, t) => sum + t.Amounts);
        var all = AccountBalances.Of(subtree);
        var own = AccountBalances.Of(root);
        // What is still on its way inside the subtree is the fund's; what is on its way to the unit itself is not yet.
        var left = all.Available + all.Reserved + (all.InTransit - own.InTransit);
        var paid = subtree.Where(t => t.Kind == LedgerEntryKind.Disbursed).GroupBy(t => t.Category ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DisclosedCategory(g.Key, g.Sum(t => t.Entries), g.Aggregate(SourceAmounts.None, (sum, t) => sum + t.Amounts)))
            .ToList();
        GoodsLot Lot(IEnumerable<LedgerTotal> totals, LedgerEntryKind kind, string item) => totals.Where(t => t.Kind == kind && t.Item == item)
            .Aggregate(GoodsLot.None, (sum, t) => sum + new GoodsLot(t.Quantity, t.Amounts));
        var stock = StockLine.Of(subtree);
        var rootStock = StockLine.Of(root);
        var goods = stock.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new DisclosedGoods(s.Key, s.Value.Unit,
                Lot(root, LedgerEntryKind.GoodsReceiptConfirmed, s.Key), Lot(subtree, LedgerEntryKind.GoodsBought, s.Key),
                Lot(subtree, LedgerEntryKind.GoodsDonated, s.Key), s.Value.Issued,
                s.Value.OnHand + s.Value.SetAside + (s.Value.InTransit - (rootStock.GetValueOrDefault(s.Key)?.InTransit ?? GoodsLot.None))))
            .ToList();
        return new FundDisclosure(unit, Sum(root, LedgerEntryKind.ReceiptConfirmed), Sum(subtree, LedgerEntryKind.Grant), paid, all.SpentOnGoods,
            Sum(root, LedgerEntryKind.ReturnedUp), left, goods);
    }
}
