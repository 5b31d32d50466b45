using Relief.Workflows.Notices;

namespace Relief.Workflows.Tests.Notices;

public class HolidayCalendarTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    // A Spring Festival week like the real ones: Friday to the next Friday off, a Sunday before and a Saturday
    // after made working days.
    private static readonly HolidayCalendar Festival = new([new CalendarYear(2027, false, null,
        [.. Enumerable.Range(0, 8).Select(i => D("2027-02-05").AddDays(i))],
        [D("2027-01-31"), D("2027-02-20")])]);

    [Fact]
    public void A_five_working_day_window_published_on_the_thursday_before_the_festival_skips_the_whole_holiday()
    {
        // Thu 4 Feb counts; 5-12 Feb are holidays; 13-14 a weekend; Mon 15 to Thu 18 are days 2 to 5.
        Assert.Equal(D("2027-02-18"), Festival.LastDayOfWindow(D("2027-02-04"), 5));
    }

    [Fact]
    public void Make_up_working_days_count_and_a_weekend_start_does_not()
    {
        // Sat 30 Jan does not count; Sun 31 Jan is a make-up working day (day 1), Mon 1 to Thu 4 Feb are days 2-5.
        Assert.Equal(D("2027-02-04"), Festival.LastDayOfWindow(D("2027-01-30"), 5));
        Assert.True(Festival.IsWorkingDay(D("2027-02-20")));
        Assert.False(Festival.IsWorkingDay(D("2027-02-08")));
        Assert.False(Festival.IsWorkingDay(D("2027-02-13")));
    }

    [Fact]
    public void The_shipped_calendar_covers_the_season_and_says_it_is_provisional()
    {
        var shipped = HolidayCalendar.Shipped;

        Assert.True(shipped.Covers(2026) && shipped.Covers(2027));
        Assert.True(shipped.IsProvisional(2027));
        Assert.False(shipped.IsWorkingDay(D("2027-02-08")));
        Assert.Equal(D("2027-02-18"), shipped.LastDayOfWindow(D("2027-02-04"), 5));
    }
}
