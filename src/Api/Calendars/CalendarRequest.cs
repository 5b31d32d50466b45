using Relief.Api.Common;
using Relief.Workflows.Notices;

namespace Relief.Api.Calendars;

/// <summary>
/// A year of the holiday calendar as the State Council announces it (<c>POST …/preview</c>, <c>PUT /api/calendars/{year}</c>):
/// the days off, the weekend days worked to make up for them (调休), whether it is still provisional, and for a
/// replacement the version it replaces (0 for the shipped file).
/// </summary>
public sealed record CalendarRequest(
    bool? Provisional,
    string? Note,
    IReadOnlyList<DateOnly>? Holidays,
    IReadOnlyList<DateOnly>? WorkingWeekendDays,
    int? ExpectedVersion)
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public CalendarYear ToYear(int year, FieldErrors errors)
    {
        if (year is < FirstYear or > LastYear)
        {
            errors.Add("year", $"a year from {FirstYear} to {LastYear}");
        }
        var provisional = errors.Required("provisional", Provisional);
        var note = errors.Text("note", Note, 500, required: false, multiline: true);
        var holidays = Days("holidays", Holidays, year, errors, mustBeWeekend: false);
        var worked = Days("workingWeekendDays", WorkingWeekendDays, year, errors, mustBeWeekend: true);
        if (Holidays is { Count: 0 })
        {
            errors.Add("holidays", "a year has public holidays (New Year's Day at least)");
        }
        foreach (var day in holidays.Intersect(worked))
        {
            errors.Add("workingWeekendDays", $"{day:yyyy-MM-dd} is also given as a holiday");
        }
        return new CalendarYear(year, provisional, note.Length == 0 ? null : note, holidays, worked);
    }

    private static List<DateOnly> Days(string field, IReadOnlyList<DateOnly>? days, int year, FieldErrors errors, bool mustBeWeekend)
    {
        if (days is null)
        {
            errors.Add(field, "the field is missing (an empty list [] when there are none)");
            return [];
        }
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i].Year != year)
            {
                errors.Add($"{field}[{i}]", $"{days[i]:yyyy-MM-dd} is not in {year}");
            }
            else if (mustBeWeekend && days[i].DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                errors.Add($"{field}[{i}]", $"{days[i]:yyyy-MM-dd} is a {days[i].DayOfWeek}: only a Saturday or Sunday is made a working day");
            }
        }
        foreach (var twice in days.GroupBy(d => d).Where(g => g.Count() > 1))
        {
            errors.Add(field, $"{twice.Key:yyyy-MM-dd} is listed twice");
        }
        return [.. days.Distinct().Order()];
    }
}
