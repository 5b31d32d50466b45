using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Programmes;

/// <summary>
/// The rules of a programme that cases are checked against: categories, minimum-living lines, dates and
/// whether amounts above the standard are allowed. Edited while the programme is a draft; frozen when it is
/// published, so the rules never change under running cases.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.ProgrammeTerms")]
public sealed record ProgrammeTerms(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<RecipientCategory> Categories,
    [property: Id(2)] IReadOnlyDictionary<string, Money> MinimumLivingLines,
    [property: Id(3)] DateOnly Opens,
    [property: Id(4)] DateOnly LastFilingDay,
    [property: Id(5)] DateOnly LastPaymentDay,
    [property: Id(6)] bool AllowAboveStandard,
    [property: Id(7)] IReadOnlyList<ProgrammeItem>? Items = null)
{
    public RecipientCategory? Category(string code) => Categories.FirstOrDefault(c => c.Code == code);

    /// <summary>
    /// Whether the programme keeps stock of goods in kind: its items are bought or donated into the units' stock, passed
    /// down, set aside at approval and issued at the hand-over. A programme without items (the first season's) only
    /// names goods on its cases.
    /// </summary>
    public bool KeepsStock => Items is { Count: > 0 };

    public ProgrammeItem? Item(string name) => Items?.FirstOrDefault(i => i.Name == name);

    /// <summary>The line of the nearest unit above the branch that has one configured (city before province).</summary>
    public Money? MinimumLivingLineFor(OrgCode branch)
    {
        for (var unit = branch.Parent; unit is { } code; unit = code.Parent)
        {
            if (MinimumLivingLines.TryGetValue(code.Value, out var line))
            {
                return line;
            }
        }
        return null;
    }

    /// <summary>Everything wrong with the terms, as (field, reason) pairs; empty when they can be saved.</summary>
    public IReadOnlyList<(string Field, string Reason)> Problems()
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
        {
            problems.Add(("name", "the name must have 1 to 100 characters"));
        }
        if (Categories.Count == 0)
        {
            problems.Add(("categories", "a programme needs at least one recipient category"));
        }
        foreach (var (category, i) in Categories.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(category.Code) || category.Code.Length > 50 || category.Code.Any(char.IsWhiteSpace))
            {
                problems.Add(($"categories[{i}].code", "a category code has 1 to 50 characters and no spaces"));
            }
            if (string.IsNullOrWhiteSpace(category.Name))
            {
                problems.Add(($"categories[{i}].name", "the name is empty"));
            }
            if (!category.Standard.IsPositive)
            {
                problems.Add(($"categories[{i}].standard", "the standard amount must be more than 0"));
            }
            if (!Enum.IsDefined(category.Eligibility.IncomeLimit))
            {
                problems.Add(($"categories[{i}].eligibility.incomeLimit", $"one of {string.Join(", ", Enum.GetNames<IncomeLimit>())}"));
            }
            if (category.Eligibility.IncomeLimit == IncomeLimit.BelowLineTimesFactor && category.Eligibility.LineFactor is <= 1m or > 10m)
            {
                problems.Add(($"categories[{i}].eligibility.lineFactor", "the factor must be above 1 and at most 10"));
            }
            foreach (var (item, g) in category.Goods.Select((item, g) => (item, g)))
            {
                if (string.IsNullOrWhiteSpace(item.Name) || item.Quantity <= 0 || item.UnitValue.Fen < 0)
                {
                    problems.Add(($"categories[{i}].goods[{g}]", "goods need a name, a quantity above 0 and a value of 0 or more"));
                }
            }
        }
        foreach (var (item, i) in (Items ?? []).Select((item, i) => (item, i)))
        {
            if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > 50 || string.IsNullOrWhiteSpace(item.Unit) || item.Unit.Length > 10)
            {
                problems.Add(($"items[{i}]", "an item has a name (1 to 50 characters) and a unit (1 to 10 characters)"));
            }
            if (item.UnitValue.Fen < 0)
            {
                problems.Add(($"items[{i}].unitValue", "the value per unit is 0 or more"));
            }
        }
        foreach (var duplicate in (Items ?? []).GroupBy(i => i.Name).Where(g => g.Count() > 1))
        {
            problems.Add(("items", $"the item '{duplicate.Key}' is listed twice"));
        }
        if (KeepsStock)
        {
            foreach (var (category, i) in Categories.Select((c, i) => (c, i)))
            {
                foreach (var (item, g) in category.Goods.Select((item, g) => (item, g)))
                {
                    if (Item(item.Name) is not { } stocked)
                    {
                        problems.Add(($"categories[{i}].goods[{g}].name", $"'{item.Name}' is not one of the programme's items"));
                    }
                    else if (stocked.Unit != item.Unit)
                    {
                        problems.Add(($"categories[{i}].goods[{g}].unit", $"'{item.Name}' is counted in {stocked.Unit}"));
                    }
                }
            }
        }
        foreach (var duplicate in Categories.GroupBy(c => c.Code).Where(g => g.Count() > 1))
        {
            problems.Add(("categories", $"the category code '{duplicate.Key}' is used twice"));
        }
        foreach (var (code, line) in MinimumLivingLines)
        {
            if (!OrgCode.TryParse(code, out var unit, out _) || unit.Level is not (OrgLevel.Provincial or OrgLevel.City))
            {
                problems.Add(($"minimumLivingLines.{code}", "a minimum-living line is set for a province or a city code"));
            }
            else if (!line.IsPositive)
            {
                problems.Add(($"minimumLivingLines.{code}", "the line must be more than 0"));
            }
        }
        if (LastFilingDay < Opens)
        {
            problems.Add(("lastFilingDay", "the last day for filing comes before the programme opens"));
        }
        if (LastPaymentDay < LastFilingDay)
        {
            problems.Add(("lastPaymentDay", "the last day for payment comes before the last day for filing"));
        }
        return problems;
    }
}
