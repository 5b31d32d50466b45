using System.Text.Json.Nodes;
using Relief.Workflows.Notices;

namespace Relief.Workflows.Engine.Runtime;

/// <summary>What the runtime needs from outside and nothing more: the domain clock's now, the calendar, new ids.</summary>
public sealed record RuntimeContext(DateTimeOffset Now, HolidayCalendar Calendar, Func<Guid> NewId)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>
    /// When a step arriving now is due: midnight (Beijing) after its last day. Working days start the day after
    /// arrival and follow the holiday calendar; calendar days count every day after arrival; a date is that day.
    /// </summary>
    public DateTimeOffset? DueAt(JsonNode? due)
    {
        if (due is not JsonObject given)
        {
            return null;
        }
        var arrival = DateOnly.FromDateTime(Now.ToOffset(Beijing).DateTime);
        var lastDay = given switch
        {
            _ when given["workingDays"] is { } days => Calendar.LastDayOfWindow(arrival.AddDays(1), days.GetValue<int>()),
            _ when given["calendarDays"] is { } days => arrival.AddDays(days.GetValue<int>()),
            _ => DateOnly.ParseExact(given["until"]!.GetValue<string>(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        return new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), Beijing);
    }
}
