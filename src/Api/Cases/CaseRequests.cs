using Relief.Api.Common;
using Relief.Workflows.Cases;
using Relief.Workflows.Programmes;

namespace Relief.Api.Cases;

/// <summary>The body of a filing (<c>POST /api/programmes/{id}/cases</c>) or an amendment. Amounts are yuan.</summary>
public sealed record CaseRequest(ApplicantRequest? Applicant, decimal? Amount, IReadOnlyList<GoodsRequest?>? Goods)
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
            Goods is null ? null : GoodsRequest.ToGoods("goods", Goods, errors));
    }
}

public sealed record ApplicantRequest(
    string? Name,
    string? IdNumber,
    int? HouseholdSize,
    decimal? MonthlyIncomePerHead,
    string? Category,
    string? Reason);

/// <summary>The body of <c>POST /api/cases/{id}/decisions</c>.</summary>
public sealed record DecisionRequest(string? Decision, string? Comment, int? Version)
{
    public Decision? ToDecision(FieldErrors errors)
    {
        if (!EnumNames.TryParse<DecisionKind>(Decision, out var kind))
        {
            errors.Add("decision", "say approve, return or reject");
            return null;
        }
        return new Decision(kind, Comment?.Trim() is { Length: > 0 } comment ? errors.Text("comment", comment, 1000, multiline: true) : null, Version);
    }
}

/// <summary>The body of <c>POST /api/cases/{id}/cancel</c>: why the running case is cancelled (journalled).</summary>
public sealed record CancelRequest(string? Reason)
{
    public string? ToReason(FieldErrors errors) => errors.Text("reason", Reason?.Trim(), 1000, multiline: true);
}

/// <summary>The body of <c>POST /api/cases/{id}/move</c>: the node to move the case to, and why.</summary>
public sealed record MoveRequest(string? To, string? Reason);

/// <summary>The body of <c>POST /api/cases/decisions</c>: one decision for many cases.</summary>
public sealed record BulkDecisionRequest(string? Decision, string? Comment, IReadOnlyList<BulkDecisionCase>? Cases);

public sealed record BulkDecisionCase(Guid? Id, int? Version);
