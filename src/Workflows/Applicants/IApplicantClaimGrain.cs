namespace Relief.Workflows.Applicants;

/// <summary>The answer of the duplicate guard: granted, or which live case already holds the person.</summary>
[GenerateSerializer, Immutable, Alias("Relief.ClaimResult")]
public sealed record ClaimResult(
    [property: Id(0)] bool Granted,
    [property: Id(1)] Guid? ExistingCaseId,
    [property: Id(2)] string? ExistingBranch);

/// <summary>
/// The guard against paying one person twice in a programme (不重复): one grain per programme and person,
/// keyed by <see cref="ApplicantIdentity.ClaimKey"/>. Single activation makes concurrent filings from
/// anywhere in the country meet here one after another.
/// </summary>
[Alias("Relief.IApplicantClaimGrain")]
public interface IApplicantClaimGrain : IGrainWithStringKey
{
    [Alias("Claim")]
    Task<ClaimResult> Claim(Guid caseId, string branchCode);
}
