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
        var total = weights.Total.Fen;
        if (amount.Fen < 0 || weights.Sources().Any(s => weights[s].Fen < 0) || amount.Fen > total)
        {
            return null;
        }
        if (amount.Fen == 0)
        {
            return SourceAmounts.None;
        }
        var shares = SourceAmounts.Sources
            .Select(source =>
            {
                var exact = (Int128)amount.Fen * weights[source].Fen;
                return (Source: source, Floor: (long)(exact / total), Remainder: (long)(exact % total));
            })
            .ToList();
        var leftOver = amount.Fen - shares.Sum(s => s.Floor);
        var split = SourceAmounts.None;
        foreach (var (share, rank) in shares
                     .OrderByDescending(s => s.Remainder).ThenBy(s => s.Source)
                     .Select((share, rank) => (share, rank)))
        {
            split = split.With(share.Source, new Money(share.Floor + (rank < leftOver ? 1 : 0)));
        }
        return split;
    }

    private static IEnumerable<FundingSource> Sources(this SourceAmounts _) => SourceAmounts.Sources;
}
