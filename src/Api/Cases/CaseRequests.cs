using Relief.Api.Common;
using Relief.Workflows.Cases;
using Relief.Workflows.Programmes;

namespace Relief.Api.Cases;

/// <summary>The body of a filing (<c>POST /api/programmes/{id}/cases</c>) or an amendment. Amounts are yuan.</summary>
public sealed record CaseRequest(ApplicantRequest? Applicant, decimal? Amount, IReadOnlyList<GoodsRequestItem>? Goods)
{
    public CaseApplication ToApplication(Guid programmeId, string branchCode, FieldErrors errors)
    {
        var applicant = Applicant ?? new ApplicantRequest(null, null, null, null, null, null);
        if (Applicant is null)
        {
            errors.Add("applicant", "the field is missing");
        }
        return new CaseApplication(
            programmeId,
            branchCode,
            new Applicant(
                errors.Text("applicant.name", applicant.Name, 50),
                errors.Text("applicant.idNumber", applicant.IdNumber, 18).ToUpperInvariant(),
                errors.Required("applicant.householdSize", applicant.HouseholdSize),
                errors.Amount("applicant.monthlyIncomePerHead", applicant.MonthlyIncomePerHead, allowZero: true),
                errors.Text("applicant.category", applicant.Category, 50),
                errors.Text("applicant.reason", applicant.Reason, 2000, multiline: true)),
            Amount is null ? null : errors.Amount("amount", Amount),
            Goods?.Select((g, i) => new GoodsItem(
                errors.Text($"goods[{i}].name", g.Name, 50),
                g.Quantity ?? 0,
                errors.Text($"goods[{i}].unit", g.Unit, 10, required: false),
                errors.Amount($"goods[{i}].unitValue", g.UnitValue ?? 0m, allowZero: true))).ToList());
    }
}

public sealed record ApplicantRequest(
    string? Name,
    string? IdNumber,
    int? HouseholdSize,
    decimal? MonthlyIncomePerHead,
    string? Category,
    string? Reason);

public sealed record GoodsRequestItem(string? Name, int? Quantity, string? Unit, decimal? UnitValue);

/// <summary>The body of <c>POST /api/cases/{id}/decisions</c>.</summary>
public sealed record DecisionRequest(string? Decision, string? Comment, int? Version)
{
    public Decision? ToDecision(FieldErrors errors)
    {
        if (!Enum.TryParse<DecisionKind>(Decision, ignoreCase: true, out var kind) || int.TryParse(Decision, out _))
        {
            errors.Add("decision", "say approve, return or reject");
            return null;
        }
        return new Decision(kind, Comment?.Trim() is { Length: > 0 } comment ? errors.Text("comment", comment, 1000, multiline: true) : null, Version);
    }
}

/// <summary>The body of <c>POST /api/cases/decisions</c>: one decision for many cases.</summary>
public sealed record BulkDecisionRequest(string? Decision, string? Comment, IReadOnlyList<BulkDecisionCase>? Cases);

public sealed record BulkDecisionCase(Guid? Id, int? Version);
