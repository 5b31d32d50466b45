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
    public static AccountStatement For(IReadOnlyList<LedgerEntry> ledger, DateTimeOffset from, DateTimeOffset to)
    {
        var opening = AccountBalances.Of(ledger.Where(e => e.At < from));
        var inPeriod = ledger.Where(e => e.At >= from && e.At < to).ToList();
        var movements = inPeriod.GroupBy(e => e.Kind).OrderBy(g => g.Key)
            .Select(g => new StatementLine(g.Key, g.Count(), g.Aggregate(SourceAmounts.None, (sum, e) => sum + e.Amounts)))
            .ToList();
        var closing = AccountBalances.Of(ledger.Where(e => e.At < to));
        var replayed = movements.Aggregate(opening, (balances, line) =>
            balances.After(new LedgerEntry(Guid.Empty, from, "", line.Kind, line.Amounts, null, null, null)));
        var reconciles = replayed == closing && closing.Fault() is null &&
                         closing.Received == closing.AllocatedDown + closing.Reserved + closing.Disbursed + closing.ReturnedUp + closing.Available;
        return new AccountStatement(from, to, opening, movements, closing, reconciles);
    }
}
