using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Notices;

namespace Relief.Api.Calendars;

/// <summary>
/// The holiday calendar that counts working days (notice windows, service deadlines): read by every signed-in
/// user; replaced year by year by the national admin when the State Council announces the holidays, after a
/// preview of the open notice windows the replacement changes.
/// </summary>
public static class CalendarEndpoints
{
    public sealed record CalendarYearResponse(
        int Year, bool Provisional, string? Note, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> WorkingWeekendDays,
        int Version, DateTimeOffset? ReplacedAt, string? ReplacedBy);

    public sealed record CalendarChangesResponse(int Year, int? Version, IReadOnlyList<NoticeWindowChange> Changes);

    public static RouteGroupBuilder MapCalendarEndpoints(this RouteGroupBuilder calendars)
    {
        calendars.MapGet("", List).SignedIn().WithSummary("The years of the calendar in force, each with its version and whether it is provisional.");
        calendars.MapGet("/{year:int}", Get).SignedIn().WithSummary("One year of the calendar in force.");
        calendars.MapPost("/{year:int}/preview", Preview).ActsNationally(ReliefRole.Admin)
            .WithSummary("The open notice windows a replacement of the year would change, before and after; nothing is changed.");
        calendars.MapPut("/{year:int}", Replace).ActsNationally(ReliefRole.Admin)
            .WithSummary("Replace the year (expectedVersion: the version read; 0 for the shipped file); open windows are recounted and each list journalled.");
        return calendars;
    }

    private static IHolidayCalendarGrain Calendar(IGrainFactory grains) => grains.GetGrain<IHolidayCalendarGrain>(IHolidayCalendarGrain.Key);

    private static async Task<IResult> List(IGrainFactory grains) =>
        TypedResults.Ok(new { items = (await Calendar(grains).Years()).Select(Response).ToList() });

    private static async Task<IResult> Get(int year, IGrainFactory grains) =>
        (await Calendar(grains).Years()).FirstOrDefault(y => y.Days.Year == year) is { } found
            ? TypedResults.Ok(Response(found))
            : CommandResults.Problem(StatusCodes.Status404NotFound, "Year not found",
                $"The calendar has no year {year}: working days are counted as Monday to Friday until it is given.");

    private static async Task<IResult> Preview(int year, CalendarRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var days = request.ToYear(year, errors);
        return errors.Any
            ? CommandResults.Invalid(errors.ByField)
            : TypedResults.Ok(new CalendarChangesResponse(year, null, await Calendar(grains).Preview(days)));
    }

    private static async Task<IResult> Replace(int year, CalendarRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var days = request.ToYear(year, errors);
        var expected = errors.Required("expectedVersion", request.ExpectedVersion);
        if (expected < 0)
        {
            errors.Add("expectedVersion", "the version read (0 for the shipped file)");
        }
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var (result, version, changes) = await Calendar(grains).Replace(days, expected, http.Actor());
        return result.ToHttp(() => TypedResults.Ok(new CalendarChangesResponse(year, version, changes)));
    }

    private static CalendarYearResponse Response(CalendarYearInForce year) => new(
        year.Days.Year, year.Days.Provisional, year.Days.Note, year.Days.Holidays, year.Days.WorkingWeekendDays,
        year.Version, year.ReplacedAt, year.ReplacedBy);
}
