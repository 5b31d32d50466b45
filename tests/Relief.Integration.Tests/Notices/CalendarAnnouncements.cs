using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Notices;

/// <summary>The national admin's calendar calls, as the tests that replace a year of the holiday calendar make them.</summary>
public static class CalendarAnnouncements
{
    public static DateOnly Day(JsonElement value) => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The year as the API shows it, or (for a year the calendar does not know) as a new year of weekends and New Year's Day.</summary>
    public static async Task<JsonElement> Year(IReliefHttp relief, int year)
    {
        using var response = await relief.Http.GetAsync($"/api/calendars/{year}");
        return response.StatusCode == HttpStatusCode.OK
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : JsonSerializer.SerializeToElement(new { year, provisional = true, holidays = new[] { $"{year}-01-01" }, workingWeekendDays = Array.Empty<string>(), version = 0 });
    }

    /// <summary>A replacement of <paramref name="year"/>: its days, plus <paramref name="extraHolidays"/>.</summary>
    public static object Replacement(JsonElement year, bool provisional, IEnumerable<DateOnly>? extraHolidays = null, int? expectedVersion = null) => new
    {
        provisional,
        note = "国务院办公厅关于节假日安排的通知",
        holidays = year.GetProperty("holidays").EnumerateArray().Select(Day).Concat(extraHolidays ?? []).Distinct().Order()
            .Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        workingWeekendDays = year.GetProperty("workingWeekendDays").EnumerateArray().Select(v => v.GetString()),
        expectedVersion = expectedVersion ?? year.GetProperty("version").GetInt32(),
    };

    public static Task<HttpResponseMessage> Replace(IReliefHttp relief, int year, object body, string user = "admin") =>
        relief.Send(user, "CN", HttpMethod.Put, $"/api/calendars/{year}", body);

    /// <summary>Marks the years a window opened <paramref name="today"/> can touch as provisional, whatever the shipped files say.</summary>
    public static async Task MakeProvisional(IReliefHttp relief, DateOnly today)
    {
        foreach (var year in new[] { today.Year, today.Year + 1 })
        {
            using var response = await Replace(relief, year, Replacement(await Year(relief, year), provisional: true));
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>A weekday after the first day of a window, up to its last, that the calendar counts as a working day.</summary>
    public static DateOnly CountedWeekday(DateOnly first, DateOnly last, JsonElement year)
    {
        var holidays = year.GetProperty("holidays").EnumerateArray().Select(Day).ToHashSet();
        return Enumerable.Range(1, last.DayNumber - first.DayNumber).Select(first.AddDays)
            .First(d => d.Year == last.Year && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(d));
    }
}
