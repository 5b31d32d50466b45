using Relief.Workflows.Definitions;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Tests.Notices;

/// <summary>How a notice window reads when the year's calendar is replaced by the State Council's announcement.</summary>
public class CalendarReplacementTests
{
    private static readonly NoticeRule FiveWorkingDays = new(OrgLevel.District, 5, DayCounting.WorkingDays);

    // Published Monday 4 January 2027, Beijing time.
    private static readonly DateTimeOffset Published = new(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8));

    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    private static HolidayCalendar Year2027(bool provisional, params string[] holidays) =>
        new([new CalendarYear(2027, provisional, null, [.. holidays.Select(D)], [])]);

    [Fact]
    public void The_shipped_2026_calendar_is_the_announced_one_and_2027_still_awaits_it()
    {
        Assert.False(HolidayCalendar.Shipped.IsProvisional(2026));
        Assert.True(HolidayCalendar.Shipped.IsProvisional(2027));
        Assert.True(HolidayCalendar.Shipped.IsProvisional(2031)); // a year it does not know at all
    }

    [Fact]
    public void A_window_of_working_days_counted_on_a_provisional_year_says_so_and_one_of_calendar_days_does_not()
    {
        var provisional = Year2027(provisional: true, "2027-01-01");

        Assert.True(NoticeWindow.For(Published, FiveWorkingDays, provisional).Provisional);
        Assert.False(NoticeWindow.For(Published, FiveWorkingDays with { Counting = DayCounting.CalendarDays }, provisional).Provisional);
        Assert.False(NoticeWindow.For(Published, FiveWorkingDays, Year2027(provisional: false, "2027-01-01")).Provisional);
    }

    [Fact]
    public void A_window_spanning_the_new_year_is_provisional_when_either_year_is()
    {
        var calendar = new HolidayCalendar([new CalendarYear(2026, false, null, [], []), new CalendarYear(2027, true, null, [], [])]);

        var window = NoticeWindow.For(new DateTimeOffset(2026, 12, 29, 9, 0, 0, TimeSpan.FromHours(8)), FiveWorkingDays, calendar);

        Assert.Equal(D("2027-01-04"), window.LastDay);
        Assert.True(window.Provisional);
    }

    [Fact]
    public void An_announced_holiday_inside_the_window_lengthens_it_and_clears_the_mark()
    {
        var posted = NoticeWindow.For(Published, FiveWorkingDays, Year2027(provisional: true));

        var recounted = posted.UnderCalendar(Published, FiveWorkingDays, Year2027(provisional: false, "2027-01-06"));

        Assert.Equal(D("2027-01-08"), posted.LastDay);
        Assert.Equal(D("2027-01-11"), recounted.LastDay); // Wed 6 Jan off: days 4, 5, 7, 8, 11
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 0, 0, 0, TimeSpan.FromHours(8)), recounted.ClosesAt);
        Assert.False(recounted.Provisional);
    }

    [Fact]
    public void A_window_is_never_cut_short_by_a_calendar_that_makes_a_counted_holiday_a_working_day()
    {
        var posted = NoticeWindow.For(Published, FiveWorkingDays, Year2027(provisional: true, "2027-01-06"));

        var recounted = posted.UnderCalendar(Published, FiveWorkingDays, Year2027(provisional: false));

        Assert.Equal(D("2027-01-11"), posted.LastDay);
        Assert.Equal(posted with { Provisional = false }, recounted);
    }

    [Fact]
    public void The_same_days_are_the_same_calendar_whatever_their_order()
    {
        var a = new CalendarYear(2027, false, "a", [D("2027-01-01"), D("2027-02-05")], [D("2027-02-20")]);
        var b = new CalendarYear(2027, false, "b", [D("2027-02-05"), D("2027-01-01")], [D("2027-02-20")]);

        Assert.True(a.SameDaysAs(b));
        Assert.False(a.SameDaysAs(b with { Provisional = true }));
        Assert.False(a.SameDaysAs(b with { Holidays = [D("2027-01-01")] }));
    }
}
