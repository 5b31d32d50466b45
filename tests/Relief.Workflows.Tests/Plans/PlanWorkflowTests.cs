using Relief.Workflows.Common;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Notices;
using Relief.Workflows.Plans;
using Relief.Workflows.Programmes;

namespace Relief.Workflows.Tests.Plans;

/// <summary>The shipped allocation workflow run by the engine's pure core, and kept out of programmes' workflows.</summary>
public class PlanWorkflowTests
{
    private static readonly Actor Officer = new("finance", "CN-44");
    private static readonly DateTimeOffset Monday = new(2027, 1, 11, 9, 0, 0, TimeSpan.FromHours(8));
    private int _ids;

    private Transition Handle(InstanceState state, RuntimeEvent @event) =>
        PlanWorkflow.Runtime.Handle(state, @event, new RuntimeContext(Monday, HolidayCalendar.Shipped, () => new Guid(++_ids, 0, 0, new byte[8])));

    [Fact]
    public void A_plan_is_reviewed_allocated_once_and_done_when_every_child_has_confirmed()
    {
        var children = new Dictionary<string, ExpressionValue> { [ReceiptsActivity.ChildrenVariable] = ExpressionValue.OfTexts(["CN-44-01", "CN-44-03"]) };
        var started = Handle(InstanceState.New(PlanWorkflow.Version), new Started(Officer, children));
        var review = Assert.Single(started.State.Bookmarks);
        Assert.Equal(("review", null, "finance"), (review.Node, review.At, review.Roles.Single()));
        Assert.NotNull(review.DueAt); // a deadline, past which the review is overdue (no outcome is taken)

        var returned = Handle(started.State, new Completed(Officer, review.Id, "return"));
        var revise = Assert.Single(returned.State.Bookmarks);
        Assert.Equal("revise", revise.Node);
        Assert.Empty(returned.Effects); // a plan's return gives back no quota place: it took none
        var resubmitted = Handle(returned.State, new Completed(Officer, revise.Id, "resubmit"));

        var approved = Handle(resubmitted.State, new Completed(Officer, Assert.Single(resubmitted.State.Bookmarks).Id, "approve"));
        Assert.Equal(EffectKinds.AllocatePlan, Assert.Single(approved.Effects).Kind);
        Assert.True(EffectKinds.MayRefuse(EffectKinds.AllocatePlan));
        Assert.Equal(["CN-44-01", "CN-44-03"], approved.State.Bookmarks.Select(b => b.Item).Order());
        Assert.All(approved.State.Bookmarks, b => Assert.Equal(("receipts", null), (b.Kind, b.At)));

        var wrong = Handle(approved.State, new Completed(Officer, approved.State.Bookmarks[0].Id, "done"));
        Assert.False(wrong.Result.Succeeded);
        var first = Handle(approved.State, new Completed(Officer, approved.State.Bookmarks[0].Id, ReceiptsActivity.Received));
        Assert.Null(first.State.EndedAs);
        var second = Handle(first.State, new Completed(Officer, Assert.Single(first.State.Bookmarks).Id, ReceiptsActivity.Received));
        Assert.Equal("closed", second.State.EndedAs);
        Assert.Empty(second.Effects);
    }

    [Fact]
    public void A_rejected_plan_ends_without_asking_for_any_money_back()
    {
        var started = Handle(InstanceState.New(PlanWorkflow.Version), new Started(Officer, new Dictionary<string, ExpressionValue>()));
        var rejected = Handle(started.State, new Completed(Officer, Assert.Single(started.State.Bookmarks).Id, "reject"));

        Assert.Equal("rejected", rejected.State.EndedAs);
        Assert.Empty(rejected.Effects); // a case's rejection releases its places and money; a plan holds none
    }

    [Fact]
    public void The_allocation_workflow_is_no_programmes_workflow()
    {
        var read = ProgrammeWorkflowReader.From(PlanWorkflow.Text, ["archived"]);

        Assert.Null(read.Graph);
        Assert.Equal("/subject", Assert.Single(read.Problems).Path);
    }
}
