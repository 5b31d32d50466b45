namespace Relief.Workflows.Funds;

/// <summary>The movements of one kind in a statement's period.</summary>
[GenerateSerializer, Immutable, Alias("Relief.StatementLine")]
public sealed record StatementLine(
    [property: Id(0)] LedgerEntryKind Kind,
    [property: Id(1)] int Entries,
    [property: Id(2)] SourceAmounts Amounts);

/// <summary>
/// An account's statement for a period [from, to): the balances at the start, the movements by kind, the
/// balances at the end. It reconciles when the opening plus the movements gives the closing, to the fen and by
/// source, and the closing balances are sound (nothing negative, received = everything it went to).
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.AccountStatement")]
public sealed record AccountStatement(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] AccountBalances Opening,
    [property: Id(3)] IReadOnlyList<StatementLine> Movements,
    [property: Id(4)] AccountBalances Closing,
    [property: Id(5)] bool Reconciles)
{
    /// <param name="before">The account's rows before <paramref name="from"/>, summed by kind.</param>
    /// <param name="during">Its rows in [from, to), summed by kind.</param>
    /// <param name="closing">
    /// The balances at <paramref name="to"/> worked out on their own: from the rows before <paramref name="to"/>, or, for a
    /// period that runs to now, the balances the account's state holds — so a statement that reconciles also says the
    /// rows and the state agree.
    /// </param>
    public static AccountStatement For(IReadOnlyList<LedgerTotal> before, IReadOnlyList<LedgerTotal> during, AccountBalances closing,
        DateTimeOffset from, DateTimeOffset to)
    {
        var opening = AccountBalances.Of(before);
        var movements = during.GroupBy(t => t.Kind).OrderBy(g => g.Key)
            .Select(g => new StatementLine(g.Key, (int)g.Sum(t => t.Entries), g.Aggregate(SourceAmounts.None, (sum, t) => sum + t.Amounts)))
            .ToList();
        var replayed = movements.Aggregate(opening, (balances, line) => balances.After(line.Kind, line.Amounts));
        // Available is what the others leave of what was received, so "sound" (nothing negative, available included)
        // is the conservation check.
        var reconciles = replayed == closing && closing.Fault() is null;
        return new AccountStatement(from, to, opening, movements, closing, reconciles);
    }
}
