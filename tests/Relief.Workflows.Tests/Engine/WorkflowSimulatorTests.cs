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
            run.Effects.Where(e => e.Effect.Kind != EffectKinds.WithdrawNotice).Select(e => e.Effect.Kind));
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
        Assert.Contains(run.Path, j => j.Step.Node == "district" && j.Step.Outcome == "timeout" && j.At == due);
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

    [Fact]
    public void The_notice_window_is_counted_on_the_holiday_calendar_and_the_payment_waits_for_its_close()
    {
        // Approved on Friday 29 January 2027: five working days skip Saturday but count Sunday 31 January, a working day
        // made up for the Spring Festival on the 2027 calendar, and end on Wednesday 3 February.
        var friday = new DateTimeOffset(2027, 1, 29, 15, 0, 0, Beijing);
        var run = Simulator("standard-ladder").Run(Application(150_000),
            [new("district", "approve"), new("city", "approve"), new("province", "approve"), new("notice", "closed")], friday);

        var notice = Assert.Single(run.Notices);
        Assert.Equal(OrgLevel.District, notice.Level);
        Assert.False(notice.PublishedByItself);
        Assert.Equal(new DateOnly(2027, 1, 29), notice.Window.FirstDay);
        Assert.Equal(new DateOnly(2027, 2, 3), notice.Window.LastDay);
        var pay = Assert.Single(run.Tasks, t => t.Node == "pay");
        Assert.Equal(notice.Window.ClosesAt, pay.OpenedAt);
        Assert.Equal(new DateTimeOffset(2027, 2, 4, 0, 0, 0, Beijing), pay.OpenedAt);
    }

    [Fact]
    public void A_visit_report_the_form_refuses_stops_the_simulation_naming_the_field_as_a_case_would()
    {
        var wrong = new System.Text.Json.Nodes.JsonObject
        {
            ["visitedOn"] = "2027-01-05", ["visitors"] = "李梅", ["findings"] = "丈夫卧病", ["householdIncome"] = "-5", ["confirmed"] = true,
        };
        var run = Simulator("hardship-grant").Run(Application(150_000), [new("visit", "done", Answers: wrong)], Monday);

        Assert.Contains("answers.householdIncome", run.StoppedAt, StringComparison.Ordinal);
        Assert.Equal(["visit"], run.Waiting.Select(b => b.Node));
        Assert.DoesNotContain(run.Path, s => s.Step.Node == "visit");
    }

    [Fact]
    public void A_committee_decides_by_the_votes_of_its_members_and_a_decision_without_a_member_is_refused()
    {
        var visit = new System.Text.Json.Nodes.JsonObject
        {
            ["visitedOn"] = "2027-01-05", ["visitors"] = "李梅", ["findings"] = "丈夫卧病", ["householdIncome"] = "900.00", ["confirmed"] = true,
        };
        var withoutMember = Simulator("hardship-grant").Run(Application(150_000), [new("visit", "done", Answers: visit), new("vote", "approve")], Monday);
        var voted = Simulator("hardship-grant").Run(Application(150_000),
            [new("visit", "done", Answers: visit), new("vote", "approve", "m1"), new("vote", "reject", "m2"), new("vote", "approve", "m3"), new("vote", "approve", "m4")], Monday);

        Assert.Contains("member", withoutMember.StoppedAt, StringComparison.Ordinal);
        Assert.Null(voted.StoppedAt);
        Assert.Equal(["district"], voted.Waiting.Select(b => b.Node));
        Assert.Contains(voted.Path, s => s.Name == "approve@Branch");
    }
}
