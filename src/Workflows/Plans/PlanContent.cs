using Relief.Workflows.Funds;

namespace Relief.Workflows.Plans;

/// <summary>How a plan's shares were worked out: typed on the page, uploaded as CSV, or proposed in proportion to something.</summary>
public enum PlanBasis
{
    Typed,
    Csv,
    LastSeasonRecipients,
    Members,
}

/// <summary>One child's line of a plan: its money (by the sources named, or in proportion to what the unit has) and its recipient places.</summary>
[GenerateSerializer, Immutable, Alias("Relief.PlanLine")]
public sealed record PlanLine(
    [property: Id(0)] string Child,
    [property: Id(1)] Money Amount,
    [property: Id(2)] SourceAmounts? Sources,
    [property: Id(3)] int Recipients);

/// <summary>What a plan says: its title, one line for every child of the unit, how the lines were made, a note.</summary>
[GenerateSerializer, Immutable, Alias("Relief.PlanContent")]
public sealed record PlanContent(
    [property: Id(0)] string Title,
    [property: Id(1)] IReadOnlyList<PlanLine> Lines,
    [property: Id(2)] PlanBasis Basis,
    [property: Id(3)] string? Note)
{
    public Money Total => Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount);

    public int Recipients => Lines.Sum(l => l.Recipients);

    public IReadOnlyList<PlanShare> Shares => [.. Lines.Select(l => new PlanShare(l.Child, l.Amount, l.Sources))];

    public IReadOnlyDictionary<string, int> Places => Lines.Where(l => l.Recipients > 0).ToDictionary(l => l.Child, l => l.Recipients);
}
