using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Funds;

/// <summary>One item of goods not yet with households at one level: on its way down, held unallocated, set aside for cases.</summary>
public sealed record UnreachedGoods(string Item, string Unit, GoodsLot InTransit, GoodsLot OnHand, GoodsLot SetAside);

/// <summary>
/// What has not reached households at one level of a subtree: money on its way down to that level (allocated, not
/// confirmed), held there (available: at a level above the branches, not passed down; at the branches, not set aside
/// for a case), set aside for approved cases and not paid; and the same for goods.
/// </summary>
public sealed record UnreachedAtLevel(OrgLevel Level, SourceAmounts InTransit, SourceAmounts Held, SourceAmounts ReservedUnpaid, IReadOnlyList<UnreachedGoods> Goods)
{
    public Money Total => InTransit.Total + Held.Total + ReservedUnpaid.Total;

    public static UnreachedAtLevel Of(OrgLevel level, IReadOnlyList<LedgerTotal> totals)
    {
        var money = AccountBalances.Of(totals);
        var goods = StockLine.Of(totals).OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new UnreachedGoods(s.Key, s.Value.Unit, s.Value.InTransit, s.Value.OnHand, s.Value.SetAside))
            .Where(g => g.InTransit.Quantity + g.OnHand.Quantity + g.SetAside.Quantity > 0)
            .ToList();
        return new UnreachedAtLevel(level, money.InTransit, money.Available, money.Reserved, goods);
    }
}

/// <summary>"What has not reached households" for a unit's subtree, level by level, with the days left to pay.</summary>
public sealed record Unreached(string Unit, DateOnly LastPaymentDay, int DaysLeft, IReadOnlyList<UnreachedAtLevel> Levels)
{
    public Money Total => Levels.Aggregate(Money.Zero, (sum, l) => sum + l.Total);

    /// <param name="today">Today in Beijing.</param>
    public static Unreached Of(OrgCode root, DateOnly lastPaymentDay, DateOnly today, IReadOnlyList<LevelTotal> totals) => new(
        root.Value,
        lastPaymentDay,
        lastPaymentDay.DayNumber - today.DayNumber,
        [.. Enum.GetValues<OrgLevel>().Where(l => l >= root.Level)
            .Select(level => UnreachedAtLevel.Of(level, [.. totals.Where(t => t.Level == level).Select(t => t.Total)]))]);
}
