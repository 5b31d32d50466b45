using Microsoft.AspNetCore.Http;
using Relief.Workflows.Common;

namespace Relief.Api.Acting;

/// <summary>Who is calling: the signed-in user of the request's bearer token, with the unit and roles it names.</summary>
public static class ActorResolution
{
    private const string ItemKey = "relief.user";

    /// <summary>The signed-in user of a request that passed <see cref="RequireUser"/>.</summary>
    public static ReliefUser User(this HttpContext context) =>
        context.Items[ItemKey] as ReliefUser ?? throw new InvalidOperationException("The endpoint does not require a signed-in user.");

    /// <summary>The acting user as the grains' journals name them.</summary>
    public static Actor Actor(this HttpContext context) => context.User().Actor;

    /// <summary>The signed-in user, or null (read from the token once per request).</summary>
    public static ReliefUser? SignedIn(this HttpContext context)
    {
        if (context.Items[ItemKey] is ReliefUser user)
        {
            return user;
        }
        var resolved = ReliefClaims.User(context.User);
        if (resolved is not null)
        {
            context.Items[ItemKey] = resolved;
        }
        return resolved;
    }

    /// <summary>An endpoint filter: 401 with a problem body unless a valid token names a user and their unit.</summary>
    public static async ValueTask<object?> RequireUser(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (invocation.HttpContext.SignedIn() is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Sign in first",
                detail: "Send a bearer token (Authorization: Bearer …) that names your user (sub) and org unit (relief_unit).");
        }
        return await next(invocation);
    }
}
