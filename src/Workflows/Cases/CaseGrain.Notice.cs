using Relief.Workflows.Applicants;
using Relief.Workflows.Common;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Cases;

/// <summary>
/// The public-notice steps of a case: its notice node waits while the case is on a list, suspended by an
/// objection, until the window closes (outcome <c>closed</c>) or an objection is upheld (outcome <c>upheld</c>).
/// </summary>
public sealed partial class CaseGrain
{
    private static readonly Actor NoticeClock = new("notice-window", "system");

    public async Task NoticePublished(Guid listId, NoticeWindow window, Actor actor)
    {
        if (State.Status != CaseStatus.Approved || Open("notice") is null || State.NoticeList == listId)
        {
            return;
        }
        State.NoticeList = listId;
        State.Journal.Add(Entry(actor, NoticingUnit(), "notice", "approved", "on public notice",
            $"list {listId}, {window.FirstDay:yyyy-MM-dd} to {window.LastDay:yyyy-MM-dd}"));
        await Advance(CaseStatus.Noticed);
    }

    public async Task NoticeClosed(Guid listId)
    {
        if (State.Status != CaseStatus.Noticed || State.NoticeList != listId)
        {
            return;
        }
        State.NoticeClosed = true;
        var closed = await Step(new Signalled(NoticeClock, "notice", "closed"), NoticeClock, new StepNote("notice-closed", NoticingUnit()));
        if (!closed.Succeeded)
        {
            State.NoticeClosed = false;
        }
    }

    public async Task Suspend(Guid objectionId)
    {
        if (State.Status != CaseStatus.Noticed)
        {
            return;
        }
        State.Suspended = true;
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
        State.Suspended = false;
        if (upheld || windowClosed)
        {
            State.NoticeClosed = !upheld;
            var resolved = await Step(new Signalled(actor, "notice", upheld ? "upheld" : "closed"), actor,
                new StepNote(upheld ? "objection-upheld" : "objection-dismissed", noticingUnit, reason));
            if (!resolved.Succeeded)
            {
                (State.Suspended, State.NoticeClosed) = (true, false);
            }
            return resolved;
        }
        State.Journal.Add(Entry(actor, noticingUnit, "objection-dismissed", "suspended by an objection", "on public notice", reason));
        await Advance(CaseStatus.Noticed);
        return CommandResult.Done;
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

    private string NoticingUnit() => UnitAt(State.Notice!.Level);

    /// <summary>A change of the case's own records only (the notice steps the board tells it of): no other grain is asked.</summary>
    private async Task Advance(CaseStatus status)
    {
        State.Status = status;
        State.Version++;
        await WriteCase();
    }

    private CaseJournalEntry Entry(Actor actor, string unit, string step, string from, string to, string? comment) =>
        new(clock.GetUtcNow(), actor.UserId, unit, step, from, to, comment, TraceId: CaseJournalEntry.CurrentTrace());
}
