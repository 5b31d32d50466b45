using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Programmes;

namespace Relief.Api.Common;

/// <summary>
/// 404 for a programme or an org unit that does not exist, before a route reads or writes anything under it:
/// otherwise an account, a quota or a notice board would answer with zeros, or take money, for a programme or a
/// unit nobody created. Added after the access filters, so outsiders still get the access answer first.
/// </summary>
public static class Existence
{
    /// <summary>The programme named by the route value or query value <paramref name="parameter"/> must exist.</summary>
    public static RouteHandlerBuilder ForExistingProgramme(this RouteHandlerBuilder endpoint, string parameter = "id") =>
        endpoint.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            var value = http.Request.RouteValues[parameter]?.ToString() ?? http.Request.Query[parameter].ToString();
            // Absent or malformed: the route's own validation names the field.
            return await MissingProgramme(http, value) ?? await next(invocation);
        });

    /// <summary>The org unit named by the route value <paramref name="parameter"/> must be registered.</summary>
    public static RouteHandlerBuilder ForExistingUnit(this RouteHandlerBuilder endpoint, string parameter = "code") =>
        endpoint.AddEndpointFilter(async (invocation, next) =>
            await MissingUnit(invocation.HttpContext, invocation.HttpContext.Request.RouteValues[parameter]?.ToString()) ?? await next(invocation));

    /// <summary>
    /// The 404 for a route whose programme (route value <c>id</c>, under <c>/api/programmes</c>) or org unit (route
    /// value <paramref name="unitParameter"/>) does not exist; null when both exist or are not named. The access
    /// filters ask this before refusing with 403, so a unit nobody registered is never "done by" anyone.
    /// </summary>
    public static async Task<IResult?> Missing(HttpContext http, string unitParameter) =>
        (http.Request.Path.StartsWithSegments("/api/programmes", StringComparison.Ordinal)
            ? await MissingProgramme(http, http.Request.RouteValues["id"]?.ToString())
            : null)
        ?? await MissingUnit(http, http.Request.RouteValues[unitParameter]?.ToString());

    /// <summary>404 when <paramref name="value"/> is a programme id nobody created; null when it exists or is no id at all.</summary>
    private static async Task<IResult?> MissingProgramme(HttpContext http, string? value) =>
        Guid.TryParse(value, out var id) && !await Grains(http).GetGrain<IProgrammeGrain>(id).Exists()
            ? CommandResults.Problem(StatusCodes.Status404NotFound, "Programme not found", $"No programme has the id {id}.")
            : null;

    /// <summary>404 when <paramref name="code"/> is a well-formed code no unit holds; null when it exists or is malformed.</summary>
    private static async Task<IResult?> MissingUnit(HttpContext http, string? code) =>
        OrgCode.TryParse(code, out var unit, out _) && !await Grains(http).GetGrain<IOrgUnitGrain>(unit.Value).Exists()
            ? CommandResults.Problem(StatusCodes.Status404NotFound, "Org unit not found", $"No org unit has the code {unit.Value}.")
            : null;

    private static IGrainFactory Grains(HttpContext http) => http.RequestServices.GetRequiredService<IGrainFactory>();
}
