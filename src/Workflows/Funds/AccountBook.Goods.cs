namespace Relief.Workflows.Funds;

/// <summary>
/// Goods in kind in an account's book: bought with its money, donated, passed down to children (in transit until
/// confirmed), set aside for approved cases and issued at the hand-over. Each movement is one entry per item, its
/// amounts the goods' value by source; values follow the stock's average, so taking all of an item takes all its value.
/// </summary>
public sealed partial class AccountBook
{
    /// <summary>Goods bought with this unit's money: by the sources named, or in proportion to what is available.</summary>
    public LedgerOutcome BuyGoods(ItemCount item, Money cost, SourceAmounts? sources, Movement movement)
    {
        if ((item.Problem() ?? Problem(cost)) is { } problem)
        {
            return LedgerOutcome.Refused(problem);
        }
        var split = sources ?? ProportionalSplit.Split(cost, Available);
        if (split is null || split.Total != cost || !split.IsNonNegative)
        {
            return LedgerOutcome.Refused($"the cost {cost} is more than the {Available.Total} available, or the sources named do not add up to it");
        }
        if (!split.FitsWithin(Available))
        {
            return LedgerOutcome.Refused($"not enough available by source: asked {split}, available {Available}");
        }
        return Append(movement, LedgerEntryKind.GoodsBought, split, null, null, goods: item.Line);
    }

    /// <summary>Goods given in kind by a donor (a company, a charity), valued at what the donation states.</summary>
    public LedgerOutcome DonateGoods(ItemCount item, Money value, string donor, Movement movement)
    {
        if ((item.Problem() ?? Problem(value)) is { } problem)
        {
            return LedgerOutcome.Refused(problem);
        }
        if (string.IsNullOrWhiteSpace(donor))
        {
            return LedgerOutcome.Refused("a donation names its donor");
        }
        return Append(movement with { Note = donor }, LedgerEntryKind.GoodsDonated, SourceAmounts.Of(FundingSource.SocialDonation, value), donor, null,
            goods: item.Line);
    }

    /// <summary>Goods down to a child, from what is on hand at its average value.</summary>
    public LedgerOutcome AllocateGoodsOut(string child, ItemCount item, Movement movement)
    {
        if (Known(movement) is { } done)
        {
            return done;
        }
        if (item.Problem() is { } problem)
        {
            return LedgerOutcome.Refused(problem);
        }
        if (Shortfall([item]) is { } shortfall)
        {
            return LedgerOutcome.Refused(shortfall);
        }
        var lot = Stock[item.Item].OnHand.Take(item.Quantity)!;
        return Append(movement, LedgerEntryKind.GoodsAllocationOut, lot.Value, child, null, goods: item.Line);
    }

    /// <summary>The child's side of goods passed down: in transit until confirmed.</summary>
    public LedgerOutcome ReceiveGoods(string parent, ItemLot goods, Movement movement)
    {
        if (Known(movement) is { } done)
        {
            return done;
        }
        PendingGoodsReceipts[movement.Id] = goods;
        return Append(movement, LedgerEntryKind.GoodsAllocationIn, goods.Lot.Value, parent, null, goods: goods.Line);
    }

    /// <summary>Hands a case's goods set aside to its household (at the hand-over, signed for); again, nothing more.</summary>
    public LedgerOutcome IssueGoods(Guid caseId, Movement movement) =>
        MoveCaseGoods(caseId, LedgerEntryKind.GoodsIssued, movement) ?? LedgerOutcome.Unchanged;

    /// <summary>What the stock lacks for these items, or null when it has them all.</summary>
    private string? Shortfall(IEnumerable<ItemCount> items)
    {
        foreach (var item in items)
        {
            var onHand = Stock.GetValueOrDefault(item.Item)?.OnHand.Quantity ?? 0;
            if (onHand < item.Quantity)
            {
                return $"{item.Quantity} {item.Unit} of {item.Item} are needed but only {onHand} are on hand";
            }
        }
        return null;
    }

    private ItemLot SetAside(Guid caseId, ItemCount item, Movement movement)
    {
        var lot = Stock[item.Item].OnHand.Take(item.Quantity)!;
        Append(movement, LedgerEntryKind.GoodsSetAside, lot.Value, caseId.ToString(), null, goods: item.Line);
        return new ItemLot(item.Item, item.Unit, lot);
    }

    /// <summary>Moves a case's goods set aside back to the stock or to the household; null when it has none set aside.</summary>
    private LedgerOutcome? MoveCaseGoods(Guid caseId, LedgerEntryKind kind, Movement movement)
    {
        if (!CaseGoods.Remove(caseId, out var lots))
        {
            return null;
        }
        LedgerOutcome? first = null;
        foreach (var (lot, i) in lots.Select((lot, i) => (lot, i)))
        {
            var outcome = Append(movement.Part(100 + i), kind, lot.Lot.Value, caseId.ToString(), null, goods: lot.Line);
            first ??= outcome;
        }
        return first;
    }
}

/// <summary>How many of one item (in its unit): what a case gets, what is bought, donated or passed down.</summary>
[GenerateSerializer, Immutable, Alias("Relief.ItemCount")]
public sealed record ItemCount(
    [property: Id(0)] string Item,
    [property: Id(1)] string Unit,
    [property: Id(2)] long Quantity)
{
    public GoodsLine Line => new(Item, Unit, Quantity);

    public string? Problem() => string.IsNullOrWhiteSpace(Item)
        ? "the item is named"
        : Quantity <= 0
            ? "the quantity must be more than 0"
            : null;

    /// <summary>The same item named twice counts once, with both quantities.</summary>
    public static IReadOnlyList<ItemCount> Summed(IEnumerable<ItemCount> items) =>
        [.. items.GroupBy(i => i.Item).Select(g => g.First() with { Quantity = g.Sum(i => i.Quantity) })];
}

/// <summary>A lot of one item: awaiting receipt from the parent, or set aside for a case.</summary>
[GenerateSerializer, Immutable, Alias("Relief.ItemLot")]
public sealed record ItemLot(
    [property: Id(0)] string Item,
    [property: Id(1)] string Unit,
    [property: Id(2)] GoodsLot Lot)
{
    public GoodsLine Line => new(Item, Unit, Lot.Quantity);
}
