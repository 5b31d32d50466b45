using Relief.Workflows.Definitions;

namespace Relief.Workflows.Notices;

/// <summary>
/// The dates of a published notice list: it runs from the day of publication (Beijing date) through the last
/// day its rule allows, and closes at midnight Beijing time after that day, when its cases become payable.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.NoticeWindow")]
public sealed record NoticeWindow(
    [property: Id(0)] DateOnly FirstDay,
    [property: Id(1)] DateOnly LastDay,
    [property: Id(2)] DateTimeOffset ClosesAt)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static NoticeWindow For(DateTimeOffset publishedAt, NoticeRule rule, HolidayCalendar calendar)
    {
        var firstDay = DateOnly.FromDateTime(publishedAt.ToOffset(Beijing).DateTime);
        var lastDay = rule.Counting == DayCounting.CalendarDays
            ? firstDay.AddDays(rule.Days - 1)
            : calendar.LastDayOfWindow(firstDay, rule.Days);
        var closesAt = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), Beijing);
        return new NoticeWindow(firstDay, lastDay, closesAt);
    }

    public bool IsOpenAt(DateTimeOffset now) => now < ClosesAt;
}
