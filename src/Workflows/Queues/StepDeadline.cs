using Relief.Workflows.Definitions;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Queues;

/// <summary>
/// When a case waiting at a step becomes overdue, and when its wait is escalated to the level above (twice the
/// deadline). The day the case arrives does not count, as it usually arrives during the day: with 3 working days,
/// a case arriving on a Thursday is due by the end of the next Tuesday (Beijing midnight), weekends and holidays
/// skipped as the holiday calendar says.
/// </summary>
public sealed record StepDeadline(DateTimeOffset DueAt, DateTimeOffset EscalatesAt)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static StepDeadline For(DateTimeOffset arrivedAt, ServiceDeadline deadline, HolidayCalendar calendar)
    {
        var arrivalDay = DateOnly.FromDateTime(arrivedAt.ToOffset(Beijing).DateTime);
        return new StepDeadline(EndOf(LastDay(arrivalDay, deadline.Days, deadline.Counting, calendar)),
            EndOf(LastDay(arrivalDay, deadline.Days * 2, deadline.Counting, calendar)));
    }

    private static DateOnly LastDay(DateOnly arrivalDay, int days, DayCounting counting, HolidayCalendar calendar) =>
        counting == DayCounting.CalendarDays ? arrivalDay.AddDays(days) : calendar.LastDayOfWindow(arrivalDay.AddDays(1), days);

    private static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Beijing);
}
