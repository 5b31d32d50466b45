using Relief.Api.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Programmes;

namespace Relief.Api.Programmes;

/// <summary>The body of <c>POST /api/programmes</c> and <c>PUT /api/programmes/{id}</c>. Amounts are yuan.</summary>
public sealed record ProgrammeRequest(
    string? Name,
    DateOnly? Opens,
    DateOnly? LastFilingDay,
    DateOnly? LastPaymentDay,
    bool? AllowAboveStandard,
    IReadOnlyList<CategoryRequest>? Categories,
    IReadOnlyDictionary<string, decimal?>? MinimumLivingLines,
    IReadOnlyList<ItemRequest?>? Items = null)
{
    /// <summary>More items than any programme stocks; a longer list is a client's mistake.</summary>
    public const int MaxItems = 100;

    public ProgrammeTerms ToTerms(FieldErrors errors)
    {
        var categories = (Categories ?? []).Select((c, i) => c.ToCategory($"categories[{i}]", errors)).ToList();
        if (Categories is null)
        {
            errors.Add("categories", "the field is missing");
        }
        var lines = (MinimumLivingLines ?? new Dictionary<string, decimal?>())
            .ToDictionary(l => l.Key, l => errors.Amount($"minimumLivingLines.{l.Key}", l.Value));
        return new ProgrammeTerms(
            errors.Text("name", Name, 100),
            categories,
            lines,
            errors.Required("opens", Opens),
            errors.Required("lastFilingDay", LastFilingDay),
            errors.Required("lastPaymentDay", LastPaymentDay),
            AllowAboveStandard ?? false,
            ReadItems(errors));
    }

    private List<ProgrammeItem>? ReadItems(FieldErrors errors)
    {
        if (Items is null)
        {
            return null;
        }
        if (Items.Count > MaxItems)
        {
            errors.Add("items", $"at most {MaxItems} items");
            return null;
        }
        return [.. Items.Select((item, i) => item is null
            ? Missing($"items[{i}]", errors)
            : new ProgrammeItem(errors.Text($"items[{i}].name", item.Name, 50), errors.Text($"items[{i}].unit", item.Unit, 10),
                errors.Amount($"items[{i}].unitValue", item.UnitValue, allowZero: true)))];
    }

    private static ProgrammeItem Missing(string field, FieldErrors errors)
    {
        errors.Add(field, "the item is missing");
        return new ProgrammeItem("", "", Money.Zero);
    }
}

public sealed record CategoryRequest(
    string? Code,
    string? Name,
    decimal? Standard,
    IReadOnlyList<GoodsRequest?>? Goods,
    EligibilityRequest? Eligibility)
{
    public RecipientCategory ToCategory(string field, FieldErrors errors) => new(
        errors.Text($"{field}.code", Code, 50),
        errors.Text($"{field}.name", Name, 100),
        errors.Amount($"{field}.standard", Standard),
        GoodsRequest.ToGoods($"{field}.goods", Goods, errors),
        Eligibility is null
            ? EligibilityRule.Anyone
            : new EligibilityRule(Eligibility.IncomeLimit ?? IncomeLimit.None, Eligibility.LineFactor ?? 1m));
}

public sealed record EligibilityRequest(IncomeLimit? IncomeLimit, decimal? LineFactor);

/// <summary>An item the programme keeps in stock: its name, its unit and its nominal value per unit in yuan.</summary>
public sealed record ItemRequest(string? Name, string? Unit, decimal? UnitValue);
