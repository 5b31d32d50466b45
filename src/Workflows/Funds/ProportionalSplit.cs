namespace Relief.Workflows.Funds;

/// <summary>
/// Splits an amount among funding sources in proportion to what an account holds of each, to the fen, losing
/// nothing: each source first gets the fen its exact share rounds down to; the fen left over go one each to
/// the sources with the largest remainders, ties to the earlier source in <see cref="FundingSource"/> order.
/// The same inputs always give the same split.
/// </summary>
public static class ProportionalSplit
{
    /// <summary>The split of <paramref name="amount"/>, or null when the weights hold less than the amount.</summary>
    public static SourceAmounts? Split(Money amount, SourceAmounts weights)
    {
        if (SourceAmounts.Sources.Any(s => weights[s].Fen < 0))
        {
            return null;
        }
        var shares = Among(amount.Fen, SourceAmounts.Sources.Select(s => weights[s].Fen).ToList());
        return shares is null
            ? null
            : SourceAmounts.Sources.Aggregate(SourceAmounts.None, (split, s) => split.With(s, new Money(shares[(int)s])));
    }

    /// <summary>
    /// The same rule over any list of non-negative weights: shares in list order, summing to
    /// <paramref name="amount"/>, each at most its weight; null when the weights hold less than the amount.
    /// </summary>
    public static long[]? Among(long amount, IReadOnlyList<long> weights)
    {
        return amount > weights.Sum() ? null : InProportion(amount, weights);
    }

    /// <summary>
    /// The same rule without the cap: <paramref name="amount"/> shared in proportion to the weights however large it
    /// is (a plan's money among children by last season's recipients); null when a weight is negative or all are 0.
    /// </summary>
    public static long[]? InProportion(long amount, IReadOnlyList<long> weights)
    {
        var total = weights.Sum();
        if (amount < 0 || weights.Any(w => w < 0) || (total == 0 && amount > 0))
        {
            return null;
        }
        var shares = new long[weights.Count];
        if (amount == 0)
        {
            return shares;
        }
        var remainders = new long[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)amount * weights[i];
            shares[i] = (long)(exact / total);
            remainders[i] = (long)(exact % total);
        }
        var leftOver = amount - shares.Sum();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)leftOver))
        {
            shares[i]++;
        }
        return shares;
    }
}
