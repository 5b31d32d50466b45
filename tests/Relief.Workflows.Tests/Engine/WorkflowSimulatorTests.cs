using Relief.Workflows.Definitions.Examples;
using Relief.Workflows.Engine.Activities;
using Relief.Workflows.Engine.Definitions;
using Relief.Workflows.Engine.Expressions;
using Relief.Workflows.Engine.Runtime;
using Relief.Workflows.Engine.Simulation;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Tests.Engine;

/// <summary>"Try a case" (issue 15): a shipped definition run on an application and a script of outcomes, nothing written.</summary>
public sealed class WorkflowSimulatorTests
{
    private static readonly string[] Categories = ["archived", "low-income", "migrant"];
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Monday = new(2027, 1, 4, 10, 0, 0, Beijing);

    private static WorkflowSimulator Simulator(string example) => new(new WorkflowRuntime(ActivityRegistry.Default,
        new EngineDefinitionReader(ActivityRegistry.Default).Read(ShippedDefinitions.Text(example)!, Categories).Definition!), HolidayCalendar.Shipped);

    private static Dictionary<string, ExpressionValue> Application(long amountFen) => new()
    {
        ["amount"] = ExpressionValue.Of(new Money(amountFen)),
        ["category"] = ExpressionValue.Of("archived"),
    };

    [Fact]
    public void The_standard_ladder_climbs_three_levels_sets_the_money_aside_is_noticed_and_paid()
    {
        var run = Simulator("standard-ladder").Run(Application(150_000),
            [new("district", "approve"), new("city", "approve"), new("province", "approve"), new("notice", "closed"), new("pay", "done")], Monday);

        Assert.Null(run.StoppedAt);
        Assert.Equal("paid", run.EndedAs);
        Assert.Equal(["district", "city", "province", "notice", "pay"], run.Tasks.Select(t => t.Node));
        Assert.Equal([OrgLevel.District, OrgLevel.City, OrgLevel.Provincial], run.Tasks.Take(3).Select(t => t.At!.Value));
        Assert.Equal([EffectKinds.TakePlace, EffectKinds.TakePlace, EffectKinds.TakePlace, EffectKinds.Reserve, EffectKinds.Notice, EffectKinds.Disburse],
            run.Effects.Where(e => e.Kind != EffectKinds.WithdrawNotice).Select(e => e.Kind));
        Assert.Empty(run.Waiting);
    }

    [Fact]
    public void Above_five_thousand_yuan_both_city_offices_are_asked_to_countersign_at_once_and_at_five_thousand_neither()
    {
        var above = Simulator("large-grant-countersign").Run(Application(500_001), [new("district", "approve")], Monday);
        var at = Simulator("large-grant-countersign").Run(Application(500_000), [new("district", "approve")], Monday);

        Assert.Equal(["financeOffice", "hardshipOffice"], above.Waiting.Select(b => b.Node).Order());
        Assert.Equal(2, above.Tasks.Count(t => t.Node is "financeOffice" or "hardshipOffice" && t.OpenedAt == Monday));
        Assert.DoesNotContain(at.Tasks, t => t.Node is "financeOffice" or "hardshipOffice");
        Assert.Equal(["notice"], at.Waiting.Select(b => b.Node));
    }

    [Fact]
    public void A_district_that_lets_three_working_days_pass_sends_the_case_to_the_city_on_the_holiday_calendar()
    {
        // Filed on Wednesday 30 December 2026: New Year's Day and a weekend lie in the three working days.
        var filed = new DateTimeOffset(2026, 12, 30, 10, 0, 0, Beijing);
        var due = new DateTimeOffset(2027, 1, 6, 0, 0, 0, Beijing);

        var run = Simulator("standard-ladder").Run(Application(150_000), [new("district", "timeout")], filed);

        Assert.Equal(due, Assert.Single(run.Tasks, t => t.Node == "district").DueAt);
        var city = Assert.Single(run.Tasks, t => t.Node == "city");
        Assert.Equal(due, city.OpenedAt);
        Assert.Contains(run.Path, j => j.Node == "district" && j.Outcome == "timeout");
    }

    [Fact]
    public void A_script_line_for_a_node_the_case_does_not_wait_at_stops_the_simulation_there_and_says_where_it_waits()
    {
        var run = Simulator("standard-ladder").Run(Application(150_000), [new("city", "approve"), new("district", "approve")], Monday);

        Assert.NotNull(run.StoppedAt);
        Assert.Contains("city", run.StoppedAt, StringComparison.Ordinal);
        Assert.Contains("district", run.StoppedAt, StringComparison.Ordinal);
        Assert.Equal(["district"], run.Waiting.Select(b => b.Node));
        Assert.DoesNotContain(run.Tasks, t => t.Node == "city");
    }
}
