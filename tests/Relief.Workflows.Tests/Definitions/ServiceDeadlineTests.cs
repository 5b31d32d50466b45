using Relief.Workflows.Definitions;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;
using Relief.Workflows.Queues;

namespace Relief.Workflows.Tests.Definitions;

public class ServiceDeadlineTests
{
    private static readonly string[] Categories = ["archived"];
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public void A_route_may_give_its_levels_service_deadlines_and_its_notice_a_publication_time()
    {
        var (definition, problems) = WorkflowDefinitionReader.Read("""
            {
              "route": ["Branch", "District", "City"],
              "notice": { "level": "District", "days": 5, "publishAt": "17:30" },
              "deadlines": [ { "level": "District", "days": 3 }, { "level": "City", "days": 10, "counting": "CalendarDays" } ]
            }
            """, Categories);

        Assert.Empty(problems);
        Assert.Equal(new TimeOnly(17, 30), definition!.Notice!.PublishAt);
        Assert.Equal(new ServiceDeadline(OrgLevel.District, 3, DayCounting.WorkingDays), definition.DeadlineAt(OrgLevel.District));
        Assert.Equal(new ServiceDeadline(OrgLevel.City, 10, DayCounting.CalendarDays), definition.DeadlineAt(OrgLevel.City));
        Assert.Null(definition.DeadlineAt(OrgLevel.Branch));
    }

    [Theory]
    [InlineData("""{ "route": ["Branch"], "deadlines": [ { "level": "City", "days": 3 } ] }""", "/deadlines/0/level")]
    [InlineData("""{ "route": ["Branch"], "deadlines": [ { "level": "Branch", "days": 3 }, { "level": "Branch", "days": 4 } ] }""", "/deadlines/1/level")]
    [InlineData("""{ "route": ["Branch"], "deadlines": [ { "level": "Branch", "days": 0 } ] }""", "/deadlines/0/days")]
    [InlineData("""{ "route": ["Branch"], "deadlines": [ { "level": "Branch" } ] }""", "/deadlines/0")]
    [InlineData("""{ "route": ["Branch"], "notice": { "level": "Branch", "days": 5, "publishAt": "25:00" } }""", "/notice/publishAt")]
    public void A_wrong_deadline_or_publication_time_is_refused_at_its_path(string json, string path) =>
        Assert.Contains(WorkflowDefinitionReader.Read(json, Categories).Problems, p => p.Path == path);

    [Fact]
    public void Three_working_days_from_the_eve_of_the_spring_festival_run_past_the_holiday()
    {
        // Arrives Thursday 4 February 2027; 5–12 February is the holiday, 13–14 the weekend, 20 February a make-up working Saturday.
        var arrived = new DateTimeOffset(2027, 2, 4, 10, 0, 0, Beijing);

        var deadline = StepDeadline.For(arrived, new ServiceDeadline(OrgLevel.District, 3, DayCounting.WorkingDays), HolidayCalendar.Shipped);

        Assert.Equal(new DateTimeOffset(2027, 2, 18, 0, 0, 0, Beijing), deadline.DueAt);       // end of Wednesday 17th
        Assert.Equal(new DateTimeOffset(2027, 2, 21, 0, 0, 0, Beijing), deadline.EscalatesAt); // end of Saturday 20th
    }

    [Fact]
    public void Calendar_days_count_every_day_after_the_arrival()
    {
        var arrived = new DateTimeOffset(2027, 2, 4, 23, 30, 0, Beijing);

        var deadline = StepDeadline.For(arrived, new ServiceDeadline(OrgLevel.City, 2, DayCounting.CalendarDays), HolidayCalendar.Shipped);

        Assert.Equal(new DateTimeOffset(2027, 2, 7, 0, 0, 0, Beijing), deadline.DueAt);
        Assert.Equal(new DateTimeOffset(2027, 2, 9, 0, 0, 0, Beijing), deadline.EscalatesAt);
    }
}
