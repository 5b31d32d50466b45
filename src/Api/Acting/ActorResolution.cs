using Microsoft.AspNetCore.Http;
using Relief.Workflows.Common;
using Relief.Workflows.Hierarchy;

namespace Relief.Api.Acting;

/// <summary>
/// Who is calling. Until sign-in lands this reads the <c>X-Relief-User</c> and <c>X-Relief-Unit</c> headers;
/// the authentication issue replaces this one class, and every endpoint keeps asking it the same way.
/// </summary>
public static class ActorResolution
{
    public const string UserHeader = "X-Relief-User";
    public const string UnitHeader = "X-Relief-Unit";
    private const string ItemKey = "relief.actor";

    /// <summary>The acting user of a request that passed <see cref="RequireActor"/>.</summary>
    public static Actor Actor(this HttpContext context) =>
        context.Items[ItemKey] as Actor ?? throw new InvalidOperationException("The endpoint does not require an actor.");

    /// <summary>An endpoint filter: 401 with a problem body unless the caller says who and where they are.</summary>
    public static async ValueTask<object?> RequireActor(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var user = http.Request.Headers[UserHeader].ToString().Trim();
        var unit = http.Request.Headers[UnitHeader].ToString().Trim();
        if (user.Length is 0 or > 100 || !OrgCode.TryParse(unit, out _, out _))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Who is acting?",
                detail: $"Send the headers {UserHeader} (your user id) and {UnitHeader} (your org unit's code, e.g. CN-44-03-05-0001).");
        }
        http.Items[ItemKey] = new Actor(user, unit);
        return await next(invocation);
    }
}
