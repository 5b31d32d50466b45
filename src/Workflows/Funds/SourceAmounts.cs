namespace Relief.Workflows.Funds;

/// <summary>
/// An amount of money broken down by funding source. Money keeps its sources as it moves, so every movement
/// in the ledger carries one of these, and any balance can be told by source.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.SourceAmounts")]
public sealed record SourceAmounts(
    [property: Id(0)] Money NationalAllocation,
    [property: Id(1)] Money ProvincialSubsidy,
    [property: Id(2)] Money LocalGovernment,
    [property: Id(3)] Money OwnFunds,
    [property: Id(4)] Money SocialDonation)
{
    public static SourceAmounts None { get; } = new(Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero);

    public static IReadOnlyList<FundingSource> Sources { get; } = Enum.GetValues<FundingSource>();

    public static SourceAmounts Of(FundingSource source, Money amount) => None.With(source, amount);

    public Money this[FundingSource source] => source switch
    {
        FundingSource.NationalAllocation => NationalAllocation,
        FundingSource.ProvincialSubsidy => ProvincialSubsidy,
        FundingSource.LocalGovernment => LocalGovernment,
        FundingSource.OwnFunds => OwnFunds,
        _ => SocialDonation,
    };

    public SourceAmounts With(FundingSource source, Money amount) => source switch
    {
        FundingSource.NationalAllocation => this with { NationalAllocation = amount },
        FundingSource.ProvincialSubsidy => this with { ProvincialSubsidy = amount },
        FundingSource.LocalGovernment => this with { LocalGovernment = amount },
        FundingSource.OwnFunds => this with { OwnFunds = amount },
        _ => this with { SocialDonation = amount },
    };

    public Money Total => NationalAllocation + ProvincialSubsidy + LocalGovernment + OwnFunds + SocialDonation;

    public bool IsZero => Sources.All(s => this[s].Fen == 0);

    /// <summary>True when no source is negative.</summary>
    public bool IsNonNegative => Sources.All(s => this[s].Fen >= 0);

    /// <summary>True when every source of this is at most that source of <paramref name="other"/>.</summary>
    public bool FitsWithin(SourceAmounts other) => Sources.All(s => this[s] <= other[s]);

    public static SourceAmounts operator +(SourceAmounts a, SourceAmounts b) => Combine(a, b, (x, y) => x + y);

    public static SourceAmounts operator -(SourceAmounts a, SourceAmounts b) => Combine(a, b, (x, y) => x - y);

    private static SourceAmounts Combine(SourceAmounts a, SourceAmounts b, Func<Money, Money, Money> op) =>
        Sources.Aggregate(None, (sum, s) => sum.With(s, op(a[s], b[s])));

    public override string ToString() =>
        string.Join(", ", Sources.Where(s => this[s].Fen != 0).Select(s => $"{s} {this[s]}")) is { Length: > 0 } text ? text : "0.00";
}
