using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Funds;

/// <summary>One unit the money of a paid case passed through, with how much of each source.</summary>
[GenerateSerializer, Immutable, Alias("Relief.TraceHop")]
public sealed record TraceHop(
    [property: Id(0)] string Unit,
    [property: Id(1)] OrgLevel Level,
    [property: Id(2)] SourceAmounts Amounts,
    [property: Id(3)] IReadOnlyList<Guid> ReceivedVia);

/// <summary>Where a source of a paid case's money entered the system: the grants of one unit.</summary>
[GenerateSerializer, Immutable, Alias("Relief.TraceOrigin")]
public sealed record TraceOrigin(
    [property: Id(0)] FundingSource Source,
    [property: Id(1)] string Unit,
    [property: Id(2)] Money Amount,
    [property: Id(3)] IReadOnlyList<Guid> Grants);

/// <summary>
/// The trail of a paid case, from the household up to the grants. Money keeps its sources on the way down, so
/// the case's amount by source (fixed when it was reserved) is what each hop passed on of that source, up to the
/// unit where the source was granted. A source granted at several units of the chain is attributed to them in
/// proportion to what each granted (the ledger tracks sources, not individual yuan).
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.MoneyTrace")]
public sealed record MoneyTrace(
    [property: Id(0)] Guid CaseId,
    [property: Id(1)] SourceAmounts Paid,
    [property: Id(2)] IReadOnlyList<TraceHop> Hops,
    [property: Id(3)] IReadOnlyList<TraceOrigin> Origins,
    [property: Id(4)] IReadOnlyList<GoodsTrail>? Goods = null)
{
    /// <param name="chain">Branch first, then each unit above it, with its ledger.</param>
    public static MoneyTrace For(Guid caseId, SourceAmounts paid, IReadOnlyList<(OrgCode Unit, IReadOnlyList<LedgerEntry> Ledger)> chain) =>
        For(caseId, paid, chain, e => e.Kind == LedgerEntryKind.Grant, e => e.Kind == LedgerEntryKind.AllocationIn);

    /// <summary>
    /// The same trail for the goods a case was issued, item by item: their value by source up the chain to the units
    /// that bought or were given that item, through the units it was passed down to.
    /// </summary>
    public MoneyTrace WithGoods(IEnumerable<LedgerEntry> issued, IReadOnlyList<(OrgCode Unit, IReadOnlyList<LedgerEntry> Ledger)> chain) => this with
    {
        Goods = [.. issued.Where(e => e is { Kind: LedgerEntryKind.GoodsIssued, Goods: not null }).Select(e => new GoodsTrail(e.Goods!.Item, e.Goods.Unit,
            e.Goods.Quantity, For(CaseId, e.Amounts, chain,
                origin => origin.Kind is LedgerEntryKind.GoodsBought or LedgerEntryKind.GoodsDonated && origin.Goods?.Item == e.Goods.Item,
                down => down.Kind == LedgerEntryKind.GoodsAllocationIn && down.Goods?.Item == e.Goods.Item)))],
    };

    /// <param name="entered">The entries by which the money (or goods) entered at a unit: grants, goods bought or donated.</param>
    /// <param name="cameDown">The entries by which it came down from the parent.</param>
    private static MoneyTrace For(Guid caseId, SourceAmounts paid, IReadOnlyList<(OrgCode Unit, IReadOnlyList<LedgerEntry> Ledger)> chain,
        Func<LedgerEntry, bool> entered, Func<LedgerEntry, bool> cameDown)
    {
        var origins = new List<TraceOrigin>();
        // For each source, what each depth of the chain granted of the case's money: a hop carries what was
        // granted at its depth or above.
        var grantedAt = new Dictionary<FundingSource, long[]>();
        foreach (var source in SourceAmounts.Sources.Where(s => paid[s].Fen > 0))
        {
            var granters = chain.Select((hop, depth) => (hop, depth, grants: hop.Ledger
                    .Where(e => entered(e) && e.Amounts[source].Fen > 0).ToList()))
                .Where(g => g.grants.Count > 0)
                .ToList();
            var shares = ProportionalSplit.Among(paid[source].Fen, granters.Select(g => g.grants.Sum(e => e.Amounts[source].Fen)).ToList())
                         ?? throw new InvalidOperationException($"The chain of case {caseId} granted less {source} than the case was paid from it.");
            origins.AddRange(granters.Select((g, i) => new TraceOrigin(source, g.hop.Unit.Value, new Money(shares[i]), g.grants.Select(e => e.Id).ToList()))
                .Where(o => o.Amount.Fen > 0));
            var byDepth = new long[chain.Count];
            for (var i = 0; i < granters.Count; i++)
            {
                byDepth[granters[i].depth] += shares[i];
            }
            grantedAt[source] = byDepth;
        }
        var hops = chain.Select((hop, depth) => new TraceHop(
                hop.Unit.Value,
                hop.Unit.Level,
                SourceAmounts.Sources.Aggregate(SourceAmounts.None, (sum, s) =>
                    grantedAt.TryGetValue(s, out var byDepth) ? sum.With(s, new Money(byDepth.Skip(depth).Sum())) : sum),
                hop.Ledger.Where(cameDown).Select(e => e.Id).ToList()))
            .Where(h => !h.Amounts.IsZero)
            .ToList();
        return new MoneyTrace(caseId, paid, hops, origins);
    }
}

/// <summary>One item of goods a case was issued, with the trail of its value.</summary>
[GenerateSerializer, Immutable, Alias("Relief.GoodsTrail")]
public sealed record GoodsTrail(
    [property: Id(0)] string Item,
    [property: Id(1)] string Unit,
    [property: Id(2)] long Quantity,
    [property: Id(3)] MoneyTrace Value);
