using Relief.Workflows.Definitions;

namespace Relief.Workflows.Notices;

/// <summary>
/// The dates of a published notice list: it runs from the day of publication (Beijing date) through the last
/// day its rule allows, and closes at midnight Beijing time after that day, when its cases become payable.
/// <see cref="Provisional"/> says that its working days were counted on a calendar still awaiting the State
/// Council's announcement, so the last day may yet move.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.NoticeWindow")]
public sealed record NoticeWindow(
    [property: Id(0)] DateOnly FirstDay,
    [property: Id(1)] DateOnly LastDay,
    [property: Id(2)] DateTimeOffset ClosesAt,
    [property: Id(3)] bool Provisional = false)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static NoticeWindow For(DateTimeOffset publishedAt, NoticeRule rule, HolidayCalendar calendar)
    {
        var firstDay = DateOnly.FromDateTime(publishedAt.ToOffset(Beijing).DateTime);
        var workingDays = rule.Counting == DayCounting.WorkingDays;
        var lastDay = workingDays ? calendar.LastDayOfWindow(firstDay, rule.Days) : firstDay.AddDays(rule.Days - 1);
        var closesAt = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), Beijing);
        return new NoticeWindow(firstDay, lastDay, closesAt, workingDays && calendar.IsProvisionalBetween(firstDay, lastDay));
    }

    /// <summary>
    /// This window once the calendar is replaced: counted again from the same publication. It may grow (the
    /// announcement made a counted day a holiday) but never shrinks: the public was told the posted last day,
    /// and a notice period is a minimum, so keeping a longer one breaks no rule while cutting it would.
    /// </summary>
    public NoticeWindow UnderCalendar(DateTimeOffset publishedAt, NoticeRule rule, HolidayCalendar calendar)
    {
        var counted = For(publishedAt, rule, calendar);
        return counted.LastDay > LastDay ? counted : this with { Provisional = counted.Provisional };
    }

    public bool IsOpenAt(DateTimeOffset now) => now < ClosesAt;
}
