using Relief.Workflows.Definitions;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Tests.Notices;

public class NoticeWindowTests
{
    private static readonly string[] Categories = ["archived"];

    [Fact]
    public void A_route_may_name_where_and_how_long_approved_cases_are_noticed()
    {
        var (definition, problems) = WorkflowDefinitionReader.Read(
            """{ "route": ["Branch", "District"], "notice": { "level": "District", "days": 5 } }""", Categories);

        Assert.Empty(problems);
        Assert.Equal(new NoticeRule(OrgLevel.District, 5, DayCounting.WorkingDays), definition!.Notice);
        var diagram = WorkflowDiagram.Mermaid(definition, "en");
        Assert.Contains("approved --> notice\n    notice --> payable\n", diagram, StringComparison.Ordinal);
        Assert.Contains("Public notice, 5 working days, at District", diagram, StringComparison.Ordinal);
        Assert.Contains("公示5个工作日（区县总工会）", WorkflowDiagram.Mermaid(definition), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "route": ["Branch"], "notice": { "level": "Branch", "days": 0 } }""", "/notice/days")]
    [InlineData("""{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5, "counting": "Fortnights" } }""", "/notice/counting")]
    [InlineData("""{ "route": ["Branch"], "notice": { "days": 5 } }""", "/notice")]
    public void A_wrong_notice_rule_is_refused_at_its_path(string json, string path) =>
        Assert.Contains(WorkflowDefinitionReader.Read(json, Categories).Problems, p => p.Path == path);

    [Fact]
    public void A_window_published_on_the_thursday_before_the_festival_closes_at_midnight_after_its_fifth_working_day()
    {
        var published = new DateTimeOffset(2027, 2, 4, 10, 0, 0, TimeSpan.FromHours(8));

        var window = NoticeWindow.For(published, new NoticeRule(OrgLevel.Branch, 5, DayCounting.WorkingDays), HolidayCalendar.Shipped);
        var calendarDays = NoticeWindow.For(published, new NoticeRule(OrgLevel.Branch, 5, DayCounting.CalendarDays), HolidayCalendar.Shipped);

        Assert.Equal(new DateOnly(2027, 2, 4), window.FirstDay);
        Assert.Equal(new DateOnly(2027, 2, 18), window.LastDay);
        Assert.Equal(new DateTimeOffset(2027, 2, 19, 0, 0, 0, TimeSpan.FromHours(8)), window.ClosesAt);
        Assert.True(window.IsOpenAt(window.ClosesAt.AddTicks(-1)));
        Assert.False(window.IsOpenAt(window.ClosesAt));
        Assert.Equal(new DateOnly(2027, 2, 8), calendarDays.LastDay);
    }

    [Fact]
    public void The_first_day_is_the_beijing_date_of_publication()
    {
        // 17:30 UTC on Wednesday is already Thursday 01:30 in Beijing.
        var published = new DateTimeOffset(2027, 2, 3, 17, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2027, 2, 4), NoticeWindow.For(published, new NoticeRule(OrgLevel.Branch, 1, DayCounting.WorkingDays), HolidayCalendar.Shipped).FirstDay);
    }
}
