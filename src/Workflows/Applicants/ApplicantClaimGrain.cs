using Relief.Workflows.Common;
using Relief.Workflows.Cases;

namespace Relief.Workflows.Applicants;

/// <summary>What the guard persists: the case that holds the person.</summary>
[GenerateSerializer, Alias("Relief.ApplicantClaimState")]
public sealed class ApplicantClaimState
{
    [Id(0)] public Guid CaseId { get; set; }
    [Id(1)] public string BranchCode { get; set; } = "";
    [Id(2)] public DateTimeOffset ClaimedAt { get; set; }
}

public sealed class ApplicantClaimGrain(
    [PersistentState("applicant-claim", StorageNames.Hot)] IPersistentState<ApplicantClaimState> claim,
    ReliefClock clock) : Grain, IApplicantClaimGrain
{
    public async Task<ClaimResult> Claim(Guid caseId, string branchCode)
    {
        if (claim.RecordExists && claim.State.CaseId != caseId)
        {
            // The holder decides whether it still counts: a rejected case, or a filing that never completed
            // (its grain has no state), gives the person free. The holder's own filing turn finishes before it
            // answers, so a filing in flight is never mistaken for a dead one.
            if (await GrainFactory.GetGrain<ICaseGrain>(claim.State.CaseId).IsLive())
            {
                return new ClaimResult(false, claim.State.CaseId, claim.State.BranchCode);
            }
        }
        if (!claim.RecordExists || claim.State.CaseId != caseId)
        {
            claim.State = new ApplicantClaimState { CaseId = caseId, BranchCode = branchCode, ClaimedAt = clock.GetUtcNow() };
            await claim.WriteOrDeactivate(DeactivateOnIdle);
        }
        return new ClaimResult(true, null, null);
    }
}
