using Relief.Workflows.Funds;
using Relief.Workflows.Programmes;

namespace Relief.Workflows.Cases;

/// <summary>The applicant as a branch clerk enters them. The ID number is personal data: state only.</summary>
[GenerateSerializer, Immutable, Alias("Relief.Applicant")]
public sealed record Applicant(
    [property: Id(0)] string Name,
    [property: Id(1)] string IdNumber,
    [property: Id(2)] int HouseholdSize,
    [property: Id(3)] Money MonthlyIncomePerHead,
    [property: Id(4)] string Category,
    [property: Id(5)] string Reason);

/// <summary>What a clerk files (or amends): the applicant and what is asked for them.</summary>
[GenerateSerializer, Immutable, Alias("Relief.CaseApplication")]
public sealed record CaseApplication(
    [property: Id(0)] Guid ProgrammeId,
    [property: Id(1)] string BranchCode,
    [property: Id(2)] Applicant Applicant,
    [property: Id(3)] Money? Amount,
    [property: Id(4)] IReadOnlyList<GoodsItem>? Goods)
{
    /// <summary>True when two filings ask for the same thing (an idempotent retry, not a new filing).</summary>
    public bool SameAs(CaseApplication other) =>
        ProgrammeId == other.ProgrammeId && BranchCode == other.BranchCode && Applicant == other.Applicant &&
        Amount == other.Amount && (Goods ?? []).SequenceEqual(other.Goods ?? []);
}
