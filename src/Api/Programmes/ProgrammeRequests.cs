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
    IReadOnlyDictionary<string, decimal?>? MinimumLivingLines)
{
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
            AllowAboveStandard ?? false);
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
