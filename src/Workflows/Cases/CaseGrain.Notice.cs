using Relief.Workflows.Applicants;
using Relief.Workflows.Common;
using Relief.Workflows.Definitions;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Cases;

/// <summary>The public-notice steps of a case: on a list, suspended by an objection, payable when the window closes.</summary>
public sealed partial class CaseGrain
{
    private static readonly Actor NoticeClock = new("notice-window", "system");

    public async Task NoticePublished(Guid listId, NoticeWindow window, Actor actor)
    {
        if (State.Status != CaseStatus.Approved || State.NoticeList == listId)
        {
            return;
        }
        var unit = NoticingUnit();
        State.NoticeList = listId;
        State.Journal.Add(Entry(actor, unit, "notice", "approved", "on public notice",
            $"list {listId}, {window.FirstDay:yyyy-MM-dd} to {window.LastDay:yyyy-MM-dd}"));
        await Advance(CaseStatus.Noticed);
    }

    public async Task NoticeClosed(Guid listId)
    {
        if (State.Status != CaseStatus.Noticed || State.NoticeList != listId)
        {
            return;
        }
        State.Journal.Add(Entry(NoticeClock, NoticingUnit(), "notice-closed", "on public notice", "payable", null));
        await Advance(CaseStatus.Payable);
    }

    public async Task Suspend(Guid objectionId)
    {
        if (State.Status != CaseStatus.Noticed)
        {
            return;
        }
        State.Journal.Add(Entry(new Actor("public", "objection"), NoticingUnit(), "objection", "on public notice",
            "suspended by an objection", $"objection {objectionId}"));
        await Advance(CaseStatus.Suspended);
    }

    public async Task<CommandResult> ObjectionResolved(bool upheld, string reason, bool windowClosed, string noticingUnit, Actor actor)
    {
        if (State.Status != CaseStatus.Suspended)
        {
            return CommandResult.Conflict($"Case {Id} is {State.Status}: no objection against it is open.");
        }
        // Whoever approved the case (at any level) may not judge an objection against it.
        if (ApprovedBy(actor.UserId))
        {
            return CommandResult.Forbidden($"{actor.UserId} approved this case: another approver of {noticingUnit} resolves the objection.");
        }
        if (upheld)
        {
            await ReleaseQuotaPlaces();
            await BranchAccount().Release(Id, actor);
            State.Journal.Add(Entry(actor, noticingUnit, "objection-upheld", "suspended by an objection", "rejected", reason));
            await Advance(CaseStatus.Rejected);
            return CommandResult.Done;
        }
        var next = windowClosed ? CaseStatus.Payable : CaseStatus.Noticed;
        State.Journal.Add(Entry(actor, noticingUnit, "objection-dismissed", "suspended by an objection",
            next == CaseStatus.Payable ? "payable" : "on public notice", reason));
        await Advance(next);
        return CommandResult.Done;
    }

    private async Task SendToNoticeBoard(NoticeRule rule)
    {
        try
        {
            await NoticeBoard().Add(NoticeCandidate(rule));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordIncident("notice-board", ex);
        }
    }

    private INoticeBoardGrain NoticeBoard() =>
        GrainFactory.GetGrain<INoticeBoardGrain>(Notices.Notices.BoardKey(State.Application!.ProgrammeId, NoticingUnit()));

    /// <summary>The case as a line of a public list: masked name and ID number only.</summary>
    private NoticeCandidate NoticeCandidate(NoticeRule rule)
    {
        var application = State.Application!;
        return new NoticeCandidate(Id, ApplicantNames.Mask(application.Applicant.Name), ResidentIdNumber.Mask(application.Applicant.IdNumber),
            application.BranchCode, application.Applicant.Category, State.Amount, rule);
    }

    private string NoticingUnit() =>
        OrgCode.Parse(State.Application!.BranchCode).AncestorAt(State.Notice!.Level)!.Value.Value;

    private async Task Advance(CaseStatus status)
    {
        State.Status = status;
        State.Version++;
        await @case.WriteStateAsync();
    }
}
