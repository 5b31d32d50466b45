using Relief.Workflows.Common;
using Relief.Workflows.Definitions.Examples;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Tests.Engine;

/// <summary>A running instance altered from outside its definition (issue 15): a task reassigned, the case moved, the case migrated to a new version.</summary>
public sealed class AlterationTests
{
    private static readonly string[] Categories = ["archived", "low-income", "migrant"];
    private static readonly Actor Admin = new("admin", "CN");
    private static readonly DateTimeOffset Monday = new(2027, 1, 4, 10, 0, 0, TimeSpan.FromHours(8));
    private int _ids;

    private static WorkflowRuntime Runtime(string json) =>
        new(ActivityRegistry.Default, new EngineDefinitionReader(ActivityRegistry.Default).Read(json, Categories).Definition!);

    private static readonly WorkflowRuntime Ladder = Runtime(ShippedDefinitions.Text("standard-ladder")!);
    private static readonly WorkflowRuntime Countersign = Runtime(ShippedDefinitions.Text("large-grant-countersign")!);

    private Transition Send(WorkflowRuntime runtime, InstanceState state, RuntimeEvent @event) =>
        runtime.Handle(state, @event, new RuntimeContext(Monday, HolidayCalendar.Shipped, () => new Guid(++_ids, 0, 0, new byte[8])));

    private InstanceState Started(WorkflowRuntime runtime, long fen = 150_000) => Send(runtime, InstanceState.New(1), new Started(Admin, new Dictionary<string, ExpressionValue>
    {
        ["amount"] = ExpressionValue.Of(new Money(fen)),
        ["category"] = ExpressionValue.Of("archived"),
    })).State;

    private InstanceState Decided(WorkflowRuntime runtime, InstanceState state, string node, string outcome = "approve") =>
        Send(runtime, state, new Completed(Admin, state.Bookmarks.Single(b => b.Node == node).Id, outcome)).State;

    [Fact]
    public void A_reassigned_task_keeps_its_id_and_deadline_and_is_done_at_the_new_level_by_the_new_roles()
    {
        var state = Started(Ladder);
        var district = state.Bookmarks.Single();

        var moved = Send(Ladder, state, new Reassigned(Admin, district.Id, OrgLevel.City, ["approver"], "区总工会系统停机"));

        Assert.True(moved.Result.Succeeded, moved.Result.Message);
        var after = Assert.Single(moved.State.Bookmarks);
        Assert.Equal((district.Id, district.DueAt, OrgLevel.City), (after.Id, after.DueAt, after.At!.Value));
        Assert.Empty(moved.Effects);
        Assert.Contains("区总工会系统停机", Assert.Single(moved.Journal, j => j.Kind == "reassign").Detail, StringComparison.Ordinal);
        Assert.False(Send(Ladder, moved.State, new Reassigned(Admin, district.Id, OrgLevel.City, ["approver"], "again")).Result.Succeeded);
        Assert.False(Send(Ladder, moved.State, new Reassigned(Admin, district.Id, OrgLevel.District, [], "no roles")).Result.Succeeded);
    }

    [Fact]
    public void A_case_moved_back_to_the_district_waits_there_afresh_and_one_moved_off_its_notice_withdraws_its_line()
    {
        var atCity = Decided(Ladder, Started(Ladder), "district");

        var back = Send(Ladder, atCity, new Moved(Admin, "district", "区县审批意见有误，退回重审"));

        Assert.True(back.Result.Succeeded, back.Result.Message);
        Assert.Equal(["district"], back.State.Bookmarks.Select(b => b.Node));
        Assert.Equal("move", Assert.Single(back.Journal).Kind);
        var atNotice = Decided(Ladder, Decided(Ladder, back.State, "district"), "city");
        atNotice = Decided(Ladder, atNotice, "province");
        Assert.Equal(["notice"], atNotice.Bookmarks.Select(b => b.Node));
        var offNotice = Send(Ladder, atNotice, new Moved(Admin, "province", "公示前发现材料缺失"));
        Assert.Contains(offNotice.Effects, e => e.Kind == EffectKinds.WithdrawNotice);
    }

    [Fact]
    public void A_case_is_not_moved_into_a_fork_nor_onto_a_node_that_does_not_wait_nor_while_it_waits_at_two_places()
    {
        var atDistrict = Started(Countersign, 600_000);
        var inFork = Decided(Countersign, atDistrict, "district");
        Assert.Equal(2, inFork.Bookmarks.Count);

        Assert.Equal("to", Assert.Single(Send(Countersign, atDistrict, new Moved(Admin, "financeOffice", "x")).Result.Problems!).Field);
        Assert.Equal("to", Assert.Single(Send(Countersign, atDistrict, new Moved(Admin, "reserve", "x")).Result.Problems!).Field);
        Assert.False(Send(Countersign, inFork, new Moved(Admin, "district", "x")).Result.Succeeded);
        // The return path of a countersigning office goes round through the fork: its amendment is outside it.
        Assert.True(Send(Countersign, atDistrict, new Moved(Admin, "amend", "x")).Result.Succeeded);
    }

    [Fact]
    public void A_case_migrated_to_a_version_that_renamed_its_node_lands_there_with_its_task_and_nothing_runs_again()
    {
        var v2 = Runtime(ShippedDefinitions.Text("standard-ladder")!.Replace("\"city\"", "\"cityApproval\"", StringComparison.Ordinal));
        var atCity = Decided(Ladder, Started(Ladder), "district");
        var task = atCity.Bookmarks.Single();

        var (none, unmapped) = WorkflowRuntime.Land(atCity, Ladder.Definition, v2.Definition, new Dictionary<string, string>());
        Assert.Empty(none);
        Assert.Contains("city", unmapped, StringComparison.Ordinal);
        var (_, wrongKind) = WorkflowRuntime.Land(atCity, Ladder.Definition, v2.Definition, new Dictionary<string, string> { ["city"] = "reserve" });
        Assert.Contains("kind", wrongKind, StringComparison.Ordinal);

        var (landings, refusal) = WorkflowRuntime.Land(atCity, Ladder.Definition, v2.Definition, new Dictionary<string, string> { ["city"] = "cityApproval" });
        Assert.Null(refusal);
        var migrated = Send(v2, atCity, new Migrated(Admin, 2, landings, "2027年流程调整"));

        Assert.True(migrated.Result.Succeeded, migrated.Result.Message);
        Assert.Equal(2, migrated.State.DefinitionVersion);
        var landed = Assert.Single(migrated.State.Bookmarks);
        Assert.Equal((task.Id, "cityApproval", OrgLevel.City), (landed.Id, landed.Node, landed.At!.Value));
        Assert.Empty(migrated.Effects);
        Assert.Equal(["migrate"], migrated.Journal.Select(j => j.Kind));
        // It goes on in the new version from where it stood.
        var onward = Send(v2, migrated.State, new Completed(Admin, landed.Id, "approve"));
        Assert.Equal(["province"], onward.State.Bookmarks.Select(b => b.Node));
    }
}
