using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Relief.Api.Acting;

/// <summary><c>GET /api/me</c>: who the token says the caller is, for the pages to show and to choose their menus.</summary>
public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (HttpContext http) =>
        {
            var user = http.User();
            return TypedResults.Ok(new { id = user.Id, unit = user.Unit.Value, roles = user.Roles.Select(r => r.Name()) });
        }).SignedIn().WithTags("Sign-in").WithSummary("The signed-in user: id, unit and roles.");
        return api;
    }
}
