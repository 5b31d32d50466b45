using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Relief.Api.Acting;
using Relief.Api.Calendars;
using Relief.Api.Common;
using Relief.Api.Funds;
using Relief.Api.Notices;
using Relief.Api.Ops;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Relief.Api.OrgUnits;
using Relief.Api.Cases;
using Relief.Api.Plans;
using Relief.Api.Programmes;
using Relief.Api.Quotas;
using Relief.Api.SpotChecks;
using Relief.Api.Tasks;

namespace Relief.Api;

/// <summary>Wires the HTTP API into a host: JSON and problem-details conventions, then the route groups.</summary>
public static class ApiRegistration
{
    public const string SignInRateLimit = "sign-in";

    /// <summary>The largest request body a route takes unless it says otherwise (1 MiB).</summary>
    public const long DefaultBodyLimit = 1024 * 1024;

    /// <summary>The largest CSV of cases filed at once (16 MiB: some 100,000 rows).</summary>
    public const long CsvBodyLimit = 16 * 1024 * 1024;

    public static IServiceCollection AddReliefApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // Requests that cannot be read throw, so that RequestBindingProblems can name the field at fault.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<RequestBindingProblems>();
        // The public routes (notice lists, objections) need no sign-in, so each client address gets a budget.
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(NoticeEndpoints.PublicRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // Sign-in: a few tries a minute per address, on top of the lock-out of the account itself.
            limiter.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.ConfigureHttpJsonOptions(json =>
        {
            // Enums by one defined name only: a number (channel 99) or joined names ("Letter,Online") would otherwise
            // pass as a value nobody defined.
            json.SerializerOptions.Converters.Add(new DefinedEnumNameConverter());
            json.SerializerOptions.Converters.Add(new SourceAmountsJsonConverter());
            // A property given twice is refused, not read as its last value.
            json.SerializerOptions.AllowDuplicateProperties = false;
            json.SerializerOptions.Converters.Add(new MoneyJsonConverter());
            json.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        });
        return services;
    }

    /// <summary>Logs every refusal for want of sign-in or permission (401, 403) with the user, unit and route.</summary>
    public static IApplicationBuilder UseReliefDenialLog(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        await next(http);
        if (http.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
            && http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            var user = http.SignedIn();
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Relief.Access").LogWarning(
                "Denied {User} of {Unit}: {Method} {Path} ({Status})",
                user?.Id ?? "anonymous", user?.Unit.Value ?? "-", http.Request.Method, http.Request.Path, http.Response.StatusCode);
        }
    });

    public static IEndpointRouteBuilder MapReliefApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapMeEndpoints();
        api.MapGroup("/orgunits").WithTags("Org units").MapOrgUnitEndpoints();
        api.MapGroup("/programmes").WithTags("Programmes").MapProgrammeEndpoints().MapInstanceEndpoints().MapMigrationEndpoints().MapCaseFilingEndpoints().MapQuotaEndpoints().MapFundEndpoints().MapGoodsEndpoints().MapFundReportEndpoints().MapFundOutlookEndpoints().MapPlanEndpoints()
            .MapNoticeBoardEndpoints().MapSpotCheckDrawEndpoints();
        api.MapGroup("/public").WithTags("Public").MapPublicNoticeEndpoints();
        api.MapGroup("/notices").WithTags("Notices").MapObjectionEndpoints();
        api.MapGroup("/calendars").WithTags("Calendars").MapCalendarEndpoints();
        api.MapGroup("/spot-checks").WithTags("Spot checks").MapSpotCheckEndpoints();
        api.MapGroup("/ops").WithTags("Operations").MapOpsEndpoints();
        api.MapGroup("/tasks").WithTags("Tasks").MapTaskEndpoints();
        api.MapGroup("/cases").WithTags("Cases").MapCaseEndpoints().MapPaymentEndpoints().MapTraceEndpoints().MapCaseInstanceEndpoints();
        return app;
    }
}
