using Relief.Workflows.Common;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Queues;

namespace Relief.Workflows.Plans;

/// <summary>A plan's records: one inbox line per open task, and a wake-up while an approval is under way.</summary>
public sealed partial class AllocationPlanGrain
{
    /// <summary>The state with its inbox lines and wake-up as it now says, in one transaction; a failed write drops the activation.</summary>
    private async Task Write()
    {
        var now = clock.GetUtcNow();
        State.Version++;
        State.InboxLines = [.. State.Instance!.Bookmarks.Select(b => LineOf(b, now))];
        // Due at once while an approval is under way: a sweep that comes while this activation carries it out waits its
        // turn and finds it done; one that comes after a lost silo finishes it.
        State.WakeAt = State.Executing is null ? null : now;
        await plan.WriteOrDeactivate(DeactivateOnIdle);
    }

    /// <summary>
    /// A task at the plan's unit (its review, its revision) or at a child (its receipt, for that child's share): the
    /// line names the plan's unit as its branch and the plan's title as its name; overdue, it is in the escalations of
    /// the unit above the line's (a child's receipt: the plan's own unit).
    /// </summary>
    private QueueEntry LineOf(Bookmark bookmark, DateTimeOffset now)
    {
        var unit = bookmark.Item ?? State.UnitCode;
        var amount = bookmark.Item is { } child ? State.Content!.Lines.First(l => l.Child == child).Amount : State.Content!.Total;
        var since = State.InboxLines.FirstOrDefault(l => l.TaskId == bookmark.Id)?.WaitingSince ?? now;
        var node = Runtime.Definition.Node(bookmark.Node);
        return new QueueEntry(Id, State.ProgrammeId, unit, WaitingFor.Allocation, State.UnitCode, "", amount, State.Content.Title, since,
            State.Version, bookmark.DueAt, bookmark.DueAt, bookmark.Id, bookmark.Node, node.Title ?? node.Id, bookmark.Roles);
    }
}
