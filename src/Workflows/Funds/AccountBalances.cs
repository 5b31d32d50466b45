namespace Relief.Workflows.Funds;

/// <summary>
/// An account's balances by source, derived from its ledger. Conservation, per source:
/// received = allocated down + reserved + disbursed + returned up + available; available never negative.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.AccountBalances")]
public sealed record AccountBalances(
    [property: Id(0)] SourceAmounts Received,
    [property: Id(1)] SourceAmounts InTransit,
    [property: Id(2)] SourceAmounts AllocatedDown,
    [property: Id(3)] SourceAmounts Reserved,
    [property: Id(4)] SourceAmounts Disbursed,
    [property: Id(5)] SourceAmounts ReturnedUp)
{
    public static AccountBalances Empty { get; } = new(
        SourceAmounts.None, SourceAmounts.None, SourceAmounts.None, SourceAmounts.None, SourceAmounts.None, SourceAmounts.None);

    public SourceAmounts Available => Received - AllocatedDown - Reserved - Disbursed - ReturnedUp;

    /// <summary>The balances after one more entry.</summary>
    public AccountBalances After(LedgerEntry entry) => entry.Kind switch
    {
        LedgerEntryKind.Grant => this with { Received = Received + entry.Amounts },
        LedgerEntryKind.AllocationIn => this with { InTransit = InTransit + entry.Amounts },
        LedgerEntryKind.ReceiptConfirmed => this with { InTransit = InTransit - entry.Amounts, Received = Received + entry.Amounts },
        LedgerEntryKind.AllocationOut => this with { AllocatedDown = AllocatedDown + entry.Amounts },
        LedgerEntryKind.ReturnedUp => this with { ReturnedUp = ReturnedUp + entry.Amounts },
        LedgerEntryKind.ReturnedFromChild => this with { AllocatedDown = AllocatedDown - entry.Amounts },
        LedgerEntryKind.Reserved => this with { Reserved = Reserved + entry.Amounts },
        LedgerEntryKind.Released => this with { Reserved = Reserved - entry.Amounts },
        _ => this with { Reserved = Reserved - entry.Amounts, Disbursed = Disbursed + entry.Amounts },
    };

    public static AccountBalances Of(IEnumerable<LedgerEntry> ledger) => ledger.Aggregate(Empty, (balances, entry) => balances.After(entry));

    /// <summary>Null when the balances are sound; else what is broken.</summary>
    public string? Fault()
    {
        foreach (var (name, amounts) in new[] { ("received", Received), ("in transit", InTransit), ("allocated down", AllocatedDown),
                     ("reserved", Reserved), ("disbursed", Disbursed), ("returned up", ReturnedUp), ("available", Available) })
        {
            if (!amounts.IsNonNegative)
            {
                return $"{name} is negative: {amounts}";
            }
        }
        return null;
    }
}
