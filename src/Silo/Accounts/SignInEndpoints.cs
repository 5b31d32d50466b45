using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Hierarchy;

namespace Relief.Silo.Accounts;

/// <summary>The local sign-in of embedded mode (<c>POST /api/auth/sign-in</c>): a password in, a bearer token out.</summary>
public static class SignInEndpoints
{
    public sealed record SignInRequest(string? UserName, string? Password);

    public static IEndpointRouteBuilder MapLocalSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/sign-in", SignIn).RequireRateLimiting(Relief.Api.ApiRegistration.SignInRateLimit).WithTags("Sign-in")
            .WithSummary("Sign in with a local account (embedded mode only); answers a bearer token for the API.");
        return app;
    }

    private static async Task<IResult> SignIn(SignInRequest request, IGrainFactory grains, LocalTokenIssuer tokens, ILoggerFactory logs)
    {
        var errors = new FieldErrors();
        var userName = errors.Text("userName", request.UserName, 100);
        var password = errors.Text("password", request.Password, 200);
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var outcome = await grains.GetGrain<ILocalAccountGrain>(LocalAccountGrain.Key(userName)).SignIn(password);
        if (!outcome.Succeeded)
        {
            logs.CreateLogger("Relief.Access").LogWarning("Sign-in refused for {User}{Locked}", userName,
                outcome.LockedUntil is null ? "" : " (locked)");
            return outcome.LockedUntil is { } until
                ? Refusal("Account locked", $"Too many failed sign-ins: try again after {until.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm", CultureInfo.InvariantCulture)} (Beijing time).")
                : Refusal("Sign-in failed", "The user name or the password is wrong.");
        }
        var user = new ReliefUser(userName, OrgCode.Parse(outcome.UnitCode!),
            outcome.Roles.Select(r => Enum.Parse<ReliefRole>(r, ignoreCase: true)).ToHashSet());
        var (token, expiresAt) = tokens.Issue(user);
        return TypedResults.Ok(new
        {
            accessToken = token,
            tokenType = "Bearer",
            expiresAt,
            user = new { id = user.Id, unit = user.Unit.Value, roles = user.Roles.Select(r => r.Name()) },
        });
    }

    private static ProblemHttpResult Refusal(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title, detail: detail);
}
