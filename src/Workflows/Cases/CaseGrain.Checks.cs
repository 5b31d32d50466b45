using Relief.Workflows.Common;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;

namespace Relief.Workflows.Cases;

/// <summary>Filing checks of the case grain: who files, the programme's state and dates, the application itself.</summary>
public sealed partial class CaseGrain
{
    private CommandResult? _refusal;

    private sealed record CheckedCase(Funds.Money Amount, List<GoodsItem> Goods, WorkflowVersion Workflow, bool FromStock);

    /// <summary>The checked case, or null with <see cref="_refusal"/> saying why.</summary>
    private async Task<CheckedCase?> Checked(CaseApplication application, Actor actor, int? definitionVersion = null)
    {
        _refusal = null;
        if (actor.UnitCode != application.BranchCode)
        {
            return Refuse(CommandResult.Forbidden($"Cases of branch {application.BranchCode} are filed by its own clerks."));
        }
        if (!OrgCode.TryParse(application.BranchCode, out var branch, out _) || branch.Level != OrgLevel.Branch
            || await GrainFactory.GetGrain<IOrgUnitGrain>(branch.Value).Describe() is null)
        {
            return Refuse(CommandResult.Invalid("branchCode", $"{application.BranchCode} is not a known branch"));
        }
        var programme = GrainFactory.GetGrain<IProgrammeGrain>(application.ProgrammeId);
        var terms = await programme.FilingTerms();
        if (terms is null)
        {
            return Refuse(CommandResult.NotFound($"No programme has the id {application.ProgrammeId}."));
        }
        if (terms.Status != ProgrammeStatus.Published)
        {
            return Refuse(CommandResult.Conflict("The programme is still a draft: cases can be filed once it is published."));
        }
        var today = CaseClock.Today(clock);
        if (today < terms.Terms.Opens || today > terms.Terms.LastFilingDay)
        {
            return Refuse(CommandResult.Conflict(
                $"Filing is open from {terms.Terms.Opens:yyyy-MM-dd} to {terms.Terms.LastFilingDay:yyyy-MM-dd} (today is {today:yyyy-MM-dd})."));
        }
        var (amount, problems) = CaseApplicationCheck.Check(application, terms.Terms, today);
        if (problems.Count > 0)
        {
            return Refuse(CommandResult.Invalid(problems));
        }
        // An amended case keeps the workflow version it began with; a new case takes the current one.
        var workflow = definitionVersion is { } version ? await programme.Workflow(version) : terms.Workflow;
        var goods = (application.Goods ?? terms.Terms.Category(application.Applicant.Category)!.Goods).ToList();
        return new CheckedCase(amount, goods, workflow!, terms.Terms.KeepsStock);
    }

    private CheckedCase? Refuse(CommandResult refusal)
    {
        _refusal = refusal;
        return null;
    }
}
