using System.Text.Json;

namespace Relief.Workflows.Notices;

/// <summary>
/// Which days are working days in mainland China: Monday to Friday, minus the public holidays, plus the
/// weekend days declared working days to make up for them (调休). The dates are data: one file per year in
/// <c>Notices/Calendars/</c>, which admins update when the State Council announces the holidays.
/// </summary>
public sealed class HolidayCalendar
{
    // Declared before Shipped: static fields initialise in the order they are written.
    private static readonly JsonSerializerOptions FileFormat = new(JsonSerializerDefaults.Web);

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workingWeekendDays;
    private readonly Dictionary<int, bool> _years;

    public HolidayCalendar(IEnumerable<CalendarYear> years)
    {
        var all = years.ToList();
        _holidays = all.SelectMany(y => y.Holidays).ToHashSet();
        _workingWeekendDays = all.SelectMany(y => y.WorkingWeekendDays).ToHashSet();
        _years = all.ToDictionary(y => y.Year, y => y.Provisional);
    }

    /// <summary>The calendars shipped with Relief.</summary>
    public static HolidayCalendar Shipped { get; } = new(ShippedYears);

    /// <summary>The years shipped with Relief, as their files spell them (the starting point of the stored calendar).</summary>
    public static IReadOnlyList<CalendarYear> ShippedYears => _shippedYears ??= [.. LoadShipped()];

    private static IReadOnlyList<CalendarYear>? _shippedYears;

    /// <summary>
    /// Whether a window of working days from <paramref name="first"/> to <paramref name="last"/> was counted on
    /// dates that still await the announcement: any year it touches is provisional or not known at all.
    /// </summary>
    public bool IsProvisionalBetween(DateOnly first, DateOnly last) =>
        Enumerable.Range(first.Year, last.Year - first.Year + 1).Any(IsProvisional);

    /// <summary>Whether the calendar knows the year at all (unknown years count weekends only).</summary>
    public bool Covers(int year) => _years.ContainsKey(year);

    /// <summary>Whether the year's dates still await the official announcement.</summary>
    public bool IsProvisional(int year) => _years.GetValueOrDefault(year, true);

    public bool IsWorkingDay(DateOnly day) =>
        _workingWeekendDays.Contains(day) ||
        (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));

    /// <summary>
    /// The last day of a window of <paramref name="workingDays"/> working days that starts on
    /// <paramref name="start"/>: the start counts when it is a working day, as a notice posted that morning runs
    /// that day.
    /// </summary>
    public DateOnly LastDayOfWindow(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        var day = start;
        var counted = IsWorkingDay(day) ? 1 : 0;
        while (counted < workingDays)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    private static IEnumerable<CalendarYear> LoadShipped()
    {
        var assembly = typeof(HolidayCalendar).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Notices.Calendars.", StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            yield return JsonSerializer.Deserialize<CalendarYear>(stream, FileFormat)
                         ?? throw new InvalidOperationException($"The holiday calendar {name} is empty.");
        }
    }
}

/// <summary>One year of the calendar as its file (or the national admin's replacement) spells it.</summary>
[GenerateSerializer, Immutable, Alias("Relief.CalendarYear")]
public sealed record CalendarYear(
    [property: Id(0)] int Year,
    [property: Id(1)] bool Provisional,
    [property: Id(2)] string? Note,
    [property: Id(3)] IReadOnlyList<DateOnly> Holidays,
    [property: Id(4)] IReadOnlyList<DateOnly> WorkingWeekendDays)
{
    /// <summary>True when both say the same days (the note aside): replacing one by the other changes no window.</summary>
    public bool SameDaysAs(CalendarYear other) =>
        Year == other.Year && Provisional == other.Provisional &&
        Holidays.Order().SequenceEqual(other.Holidays.Order()) && WorkingWeekendDays.Order().SequenceEqual(other.WorkingWeekendDays.Order());
}
