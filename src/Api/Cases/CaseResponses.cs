using Relief.Workflows.Applicants;
using Relief.Workflows.Cases;

namespace Relief.Api.Cases;

/// <summary>A case as the API shows it: the ID number masked unless the caller's work needs it.</summary>
public static class CaseResponses
{
    /// <summary>
    /// The full ID number goes to the case's own branch clerks (who correct it) and finance staff (who pay by it),
    /// and to auditors re-verifying cases of their subtree; every other reader sees it masked.
    /// </summary>
    public static CaseView For(CaseView view, Acting.ReliefUser user) =>
        user.Holds(Acting.ReliefRole.Auditor)
        || (user.Unit.Value == view.BranchCode && (user.Holds(Acting.ReliefRole.Clerk) || user.Holds(Acting.ReliefRole.Finance)))
            ? view
            : Masked(view);

    public static CaseView Masked(CaseView view) =>
        view with { Applicant = view.Applicant with { IdNumber = ResidentIdNumber.Mask(view.Applicant.IdNumber) } };
}
