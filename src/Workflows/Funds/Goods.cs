namespace Relief.Workflows.Funds;

/// <summary>The goods a ledger entry moves: which item, in what unit, how many (the entry's amounts are their value by source).</summary>
[GenerateSerializer, Immutable, Alias("Relief.GoodsLine")]
public sealed record GoodsLine(
    [property: Id(0)] string Item,
    [property: Id(1)] string Unit,
    [property: Id(2)] long Quantity);

/// <summary>A quantity of one item with its value by funding source: what a unit holds, passed down, set aside or issued.</summary>
[GenerateSerializer, Immutable, Alias("Relief.GoodsLot")]
public sealed record GoodsLot(
    [property: Id(0)] long Quantity,
    [property: Id(1)] SourceAmounts Value)
{
    public static GoodsLot None { get; } = new(0, SourceAmounts.None);

    public static GoodsLot operator +(GoodsLot a, GoodsLot b) => new(a.Quantity + b.Quantity, a.Value + b.Value);

    public static GoodsLot operator -(GoodsLot a, GoodsLot b) => new(a.Quantity - b.Quantity, a.Value - b.Value);

    public bool IsSound => Quantity >= 0 && Value.IsNonNegative;

    /// <summary>
    /// <paramref name="quantity"/> of this lot at its average value: the value in proportion to the quantity (rounded
    /// down to the fen, so taking the whole lot takes its whole value), split by source as the lot's value is. Null
    /// when the lot holds fewer.
    /// </summary>
    public GoodsLot? Take(long quantity)
    {
        if (quantity <= 0 || quantity > Quantity)
        {
            return null;
        }
        var value = new Money((long)((Int128)Value.Total.Fen * quantity / Quantity));
        return ProportionalSplit.Split(value, Value) is { } split ? new GoodsLot(quantity, split) : null;
    }
}

/// <summary>
/// One item's stock at one unit, by quantity and by value per source. Received (bought, donated, or passed down
/// from the parent and confirmed) = passed down + issued + set aside + on hand; what the parent passed down and
/// this unit has not confirmed is in transit, outside it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.StockLine")]
public sealed record StockLine(
    [property: Id(0)] string Unit,
    [property: Id(1)] GoodsLot Received,
    [property: Id(2)] GoodsLot InTransit,
    [property: Id(3)] GoodsLot PassedDown,
    [property: Id(4)] GoodsLot SetAside,
    [property: Id(5)] GoodsLot Issued)
{
    public static StockLine Empty(string unit) => new(unit, GoodsLot.None, GoodsLot.None, GoodsLot.None, GoodsLot.None, GoodsLot.None);

    public GoodsLot OnHand => Received - PassedDown - SetAside - Issued;

    /// <summary>The line after one more goods entry of this item.</summary>
    public StockLine After(LedgerEntryKind kind, GoodsLot lot) => kind switch
    {
        LedgerEntryKind.GoodsBought or LedgerEntryKind.GoodsDonated => this with { Received = Received + lot },
        LedgerEntryKind.GoodsAllocationIn => this with { InTransit = InTransit + lot },
        LedgerEntryKind.GoodsReceiptConfirmed => this with { InTransit = InTransit - lot, Received = Received + lot },
        LedgerEntryKind.GoodsAllocationOut => this with { PassedDown = PassedDown + lot },
        LedgerEntryKind.GoodsSetAside => this with { SetAside = SetAside + lot },
        LedgerEntryKind.GoodsReleased => this with { SetAside = SetAside - lot },
        LedgerEntryKind.GoodsIssued => this with { SetAside = SetAside - lot, Issued = Issued + lot },
        _ => this,
    };

    /// <summary>Null when the line is sound (nothing negative); else what is broken.</summary>
    public string? Fault()
    {
        foreach (var (name, lot) in new[] { ("received", Received), ("in transit", InTransit), ("passed down", PassedDown),
                     ("set aside", SetAside), ("issued", Issued), ("on hand", OnHand) })
        {
            if (!lot.IsSound)
            {
                return $"{name} is negative: {lot.Quantity} {Unit}, {lot.Value}";
            }
        }
        return null;
    }

    /// <summary>Each item's stock as summed rows leave it (one account's, or a subtree's as one stock).</summary>
    public static IReadOnlyDictionary<string, StockLine> Of(IEnumerable<LedgerTotal> totals)
    {
        var stock = new Dictionary<string, StockLine>();
        foreach (var total in totals.Where(t => t.Item is not null))
        {
            var line = stock.GetValueOrDefault(total.Item!) ?? Empty(total.ItemUnit ?? "");
            stock[total.Item!] = line.After(total.Kind, new GoodsLot(total.Quantity, total.Amounts));
        }
        return stock;
    }

    /// <summary>Each item's stock as a list of entries leaves it (items named by the entries' goods).</summary>
    public static IReadOnlyDictionary<string, StockLine> Of(IEnumerable<LedgerEntry> ledger)
    {
        var stock = new Dictionary<string, StockLine>();
        foreach (var entry in ledger.Where(e => e.Goods is not null))
        {
            var line = stock.GetValueOrDefault(entry.Goods!.Item) ?? Empty(entry.Goods.Unit);
            stock[entry.Goods.Item] = line.After(entry.Kind, new GoodsLot(entry.Goods.Quantity, entry.Amounts));
        }
        return stock;
    }
}
