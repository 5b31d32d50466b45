using Relief.Workflows.Funds;

namespace Relief.Workflows.Programmes;

/// <summary>
/// A group of recipients a programme serves (the four hardship groups, model workers, front-line workers),
/// with its standard cash amount, goods in kind and who is eligible.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.RecipientCategory")]
public sealed record RecipientCategory(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] Money Standard,
    [property: Id(3)] IReadOnlyList<GoodsItem> Goods,
    [property: Id(4)] EligibilityRule Eligibility);

/// <summary>One item given in kind (rice, oil, a quilt), with its value per unit for the reports.</summary>
[GenerateSerializer, Immutable, Alias("Relief.GoodsItem")]
public sealed record GoodsItem(
    [property: Id(0)] string Name,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string Unit,
    [property: Id(3)] Money UnitValue);

/// <summary>An item a programme keeps in stock (大米, 食用油, 棉被), with its unit and its nominal value per unit.</summary>
[GenerateSerializer, Immutable, Alias("Relief.ProgrammeItem")]
public sealed record ProgrammeItem(
    [property: Id(0)] string Name,
    [property: Id(1)] string Unit,
    [property: Id(2)] Money UnitValue);

/// <summary>How a category limits monthly income per head, measured against the local minimum-living line (低保线).</summary>
public enum IncomeLimit
{
    /// <summary>No income test (archived hardship workers, model workers, front-line workers).</summary>
    None,

    /// <summary>Income per head strictly below the minimum-living line.</summary>
    BelowMinimumLivingLine,

    /// <summary>Income per head below the line times <see cref="EligibilityRule.LineFactor"/> (just above the line, in hardship).</summary>
    BelowLineTimesFactor,
}

/// <summary>The eligibility rule of a category.</summary>
[GenerateSerializer, Immutable, Alias("Relief.EligibilityRule")]
public sealed record EligibilityRule(
    [property: Id(0)] IncomeLimit IncomeLimit,
    [property: Id(1)] decimal LineFactor = 1m)
{
    public static EligibilityRule Anyone { get; } = new(IncomeLimit.None);

    /// <summary>Null when the applicant is eligible, else why not.</summary>
    public string? Problem(Money incomePerHead, Money? minimumLivingLine)
    {
        if (IncomeLimit == IncomeLimit.None)
        {
            return null;
        }
        if (minimumLivingLine is not { } line)
        {
            return "no minimum-living line is configured for the applicant's city or province";
        }
        return IncomeLimit switch
        {
            IncomeLimit.BelowMinimumLivingLine when incomePerHead >= line =>
                $"monthly income per head {incomePerHead} is not below the minimum-living line {line}",
            IncomeLimit.BelowLineTimesFactor when incomePerHead.Fen >= decimal.Round(line.Fen * LineFactor) =>
                $"monthly income per head {incomePerHead} is not below {LineFactor} times the minimum-living line {line}",
            _ => null,
        };
    }
}
