using Relief.Workflows.Applicants;
using Relief.Workflows.Cases;

namespace Relief.Api.Cases;

/// <summary>A case as the API shows it: the ID number masked (the full number stays in the case's state).</summary>
public static class CaseResponses
{
    public static CaseView Masked(CaseView view) =>
        view with { Applicant = view.Applicant with { IdNumber = ResidentIdNumber.Mask(view.Applicant.IdNumber) } };
}
