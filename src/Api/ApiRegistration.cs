using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Relief.Api.Common;
using Relief.Api.Funds;
using Relief.Api.Notices;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Relief.Api.OrgUnits;
using Relief.Api.Cases;
using Relief.Api.Programmes;
using Relief.Api.Quotas;
using Relief.Api.SpotChecks;

namespace Relief.Api;

/// <summary>Wires the HTTP API into a host: JSON and problem-details conventions, then the route groups.</summary>
public static class ApiRegistration
{
    public static IServiceCollection AddReliefApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // The public routes (notice lists, objections) need no sign-in, so each client address gets a budget.
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(NoticeEndpoints.PublicRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.Converters.Add(new MoneyJsonConverter());
            json.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapReliefApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGroup("/orgunits").WithTags("Org units").MapOrgUnitEndpoints();
        api.MapGroup("/programmes").WithTags("Programmes").MapProgrammeEndpoints().MapCaseFilingEndpoints().MapQuotaEndpoints().MapFundEndpoints().MapFundReportEndpoints()
            .MapNoticeBoardEndpoints().MapSpotCheckDrawEndpoints();
        api.MapGroup("/public").WithTags("Public").MapPublicNoticeEndpoints();
        api.MapGroup("/notices").WithTags("Notices").MapObjectionEndpoints();
        api.MapGroup("/spot-checks").WithTags("Spot checks").MapSpotCheckEndpoints();
        api.MapGroup("/cases").WithTags("Cases").MapCaseEndpoints().MapPaymentEndpoints().MapTraceEndpoints();
        return app;
    }
}
