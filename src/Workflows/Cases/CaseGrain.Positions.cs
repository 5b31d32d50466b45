using System.Globalization;
using Relief.Workflows.Applicants;
using Relief.Workflows.Common;
using Relief.Workflows.Definitions;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Queues;

namespace Relief.Workflows.Cases;

/// <summary>Where the case stands, read from its instance: its status, the units it waits at, its inbox lines, its journal's words.</summary>
public sealed partial class CaseGrain
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>The unit of the case's hierarchy at a node's level — where it acts, or where a follow-up's needs are answered — and its branch when the node names none.</summary>
    private string UnitOf(NodeDefinition node) => CaseUnits.Of(node, State.Application!.BranchCode);

    private string UnitAt(OrgLevel level) => CaseUnits.At(level, State.Application!.BranchCode);

    /// <summary>Where a task is done: at its bookmark's level, which is its node's unless the task was reassigned; the branch for none.</summary>
    private string TaskUnit(Bookmark bookmark) => bookmark.At is { } level ? UnitAt(level) : State.Application!.BranchCode;

    /// <summary>A task whose outcomes include <c>resubmit</c> is the branch's amendment of a returned case.</summary>
    private static bool IsAmendment(NodeDefinition node) => node.Kind == "task" && node.Next.ContainsKey("resubmit");

    // The runtime is loaded at activation for every filed case (OnActivateAsync), and at filing for a new one.
    private Bookmark? AmendmentTask() => State.Instance?.Bookmarks.FirstOrDefault(b => IsAmendment(_runtime!.Definition.Node(b.Node)));

    private Bookmark? Open(string kind) => State.Instance?.Bookmarks.FirstOrDefault(b => b.Kind == kind);

    /// <summary>The case's status as the rest of Relief reads it, from the instance and what the case holds.</summary>
    private CaseStatus StatusOf(InstanceState instance)
    {
        if (instance.EndedAs == "rejected")
        {
            return CaseStatus.Rejected;
        }
        if (State.Paid || instance.EndedAs == "paid")
        {
            return CaseStatus.Paid;
        }
        if (instance.Ended)
        {
            return CaseStatus.Closed;
        }
        if (instance.Bookmarks.Any(b => b.Kind == "notice"))
        {
            return State.Suspended ? CaseStatus.Suspended : State.NoticeList is null ? CaseStatus.Approved : CaseStatus.Noticed;
        }
        if (instance.Bookmarks.Any(b => b.Kind == "pay"))
        {
            return State.NoticeClosed ? CaseStatus.Payable : CaseStatus.Approved;
        }
        return instance.Bookmarks.Any(b => IsAmendment(_runtime!.Definition.Node(b.Node))) ? CaseStatus.Returned : CaseStatus.Waiting;
    }

    /// <summary>Where the case stands, in the journal's words (<c>waiting at CN-44-03-05 (District)</c>).</summary>
    private string Where(InstanceState instance, CaseStatus status, WorkflowRuntime runtime) => status switch
    {
        CaseStatus.Waiting => instance.Bookmarks.Count == 0 ? "new" : string.Join("; ", instance.Bookmarks.Select(b => WaitingAt(b, runtime))),
        CaseStatus.Returned => "returned to the branch",
        CaseStatus.Rejected => "rejected",
        CaseStatus.Paid => "paid",
        CaseStatus.Closed => "closed",
        CaseStatus.Noticed => "on public notice",
        CaseStatus.Suspended => "suspended by an objection",
        CaseStatus.Payable => "payable",
        _ => "approved",
    };

    private string WaitingAt(Bookmark bookmark, WorkflowRuntime runtime)
    {
        var node = runtime.Definition.Node(bookmark.Node);
        return bookmark.Kind switch
        {
            "approve" => $"waiting at {TaskUnit(bookmark)} ({bookmark.At})",
            "timer" => $"waiting until {bookmark.DueAt?.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}",
            _ when bookmark.At is not null => $"waiting at {TaskUnit(bookmark)} for {TitleOf(bookmark, node)}",
            _ => $"waiting for {node.Title ?? node.Id}",
        };
    }

    /// <summary>The unit where the case waits for a decision (the first, when it waits at several).</summary>
    private string? WaitingUnit() =>
        State.Instance is null || State.Status != CaseStatus.Waiting
            ? null
            : State.Instance.Bookmarks.Where(IsInboxTask).Select(TaskUnit).FirstOrDefault();

    private List<QueueEntry> Lines(InstanceState instance, IReadOnlyDictionary<Guid, DateTimeOffset> since, int version, WorkflowRuntime runtime) =>
        instance.Bookmarks.Select(b => LineOf(b, runtime, since.GetValueOrDefault(b.Id, State.WaitingSince), version)).OfType<QueueEntry>().ToList();

    /// <summary>The inbox line of a task people do at a unit (a decision, a vote, an amendment, a visit); none for timers, notices, payments.</summary>
    private QueueEntry? LineOf(Bookmark bookmark, WorkflowRuntime runtime, DateTimeOffset since = default, int version = 0)
    {
        if (!IsInboxTask(bookmark))
        {
            return null;
        }
        var level = bookmark.At!.Value;
        var application = State.Application!;
        var node = runtime.Definition.Node(bookmark.Node);
        var waitingFor = bookmark.Kind == "approve" ? WaitingFor.Decision : IsAmendment(node) ? WaitingFor.Amendment : WaitingFor.Task;
        var deadline = node.Settings["deadline"] is System.Text.Json.Nodes.JsonObject given
            ? StepDeadline.For(since, new ServiceDeadline(level, (int)(given["workingDays"] ?? given["calendarDays"])!,
                given["workingDays"] is null ? DayCounting.CalendarDays : DayCounting.WorkingDays), calendars.Calendar)
            : null;
        return new QueueEntry(Id, application.ProgrammeId, TaskUnit(bookmark), waitingFor, application.BranchCode, application.Applicant.Category,
            State.Amount, ApplicantNames.Mask(application.Applicant.Name), since, version, deadline?.DueAt ?? bookmark.DueAt, deadline?.EscalatesAt,
            bookmark.Id, node.Id, TitleOf(bookmark, node), bookmark.Roles);
    }

    /// <summary>What a task is called in an inbox: its node's title, and for a need being followed up the need itself.</summary>
    private static string TitleOf(Bookmark bookmark, NodeDefinition node) =>
        bookmark.Item is { } need ? $"{node.Title ?? node.Id}：{need}" : node.Title ?? node.Id;

    private static NoticeRule NoticeRuleOf(NodeDefinition node) => NoticeActivity.RuleOf(node);

    /// <summary>
    /// The engine's journal in the case's words: decisions as <c>approve@District</c>, tasks as <c>done@visit</c>,
    /// conditions, joins, timers, the notice's outcome, closed tasks with the reason. The wiring steps (forks, money
    /// set aside, ends) are not repeated: the step before says where the case went, and the ledger holds the money.
    /// </summary>
    private void Journal(IReadOnlyList<JournalStep> steps, Actor actor, StepNote note, string from, string to, WorkflowRuntime runtime, DateTimeOffset now)
    {
        var first = true;
        if (note.Name == "file")
        {
            State.Journal.Add(new CaseJournalEntry(now, actor.UserId, note.Unit, "file", "new", to, note.Comment, TraceId: CaseJournalEntry.CurrentTrace()));
            first = false;
        }
        foreach (var step in steps)
        {
            var node = step.Node.Length == 0 ? null : runtime.Definition.Node(step.Node);
            var name = first && note.Name is not null ? note.Name : JournalNames.Of(step, node);
            if (name is not null)
            {
                var unit = first && note.Name is not null ? note.Unit : node is null ? State.Application!.BranchCode : UnitOf(node);
                // A vote's tally comes first, so that who voted how reads the same with or without a comment.
                var comment = !first || note.Comment is null ? step.Detail : step.Detail is null ? note.Comment : $"{step.Detail} — {note.Comment}";
                State.Journal.Add(new CaseJournalEntry(now, step.Actor.UserId, unit, name, from, to, comment, step.Node, step.Outcome, first ? note.Answers : null,
                    CaseJournalEntry.CurrentTrace()));
            }
            first = false;
        }
    }
}
