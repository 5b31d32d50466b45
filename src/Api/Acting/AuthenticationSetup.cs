using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Relief.Api.Acting;

/// <summary>JWT bearer validation the standard way: issuer, audience, lifetime and a signing key or an OIDC authority.</summary>
public static class AuthenticationSetup
{
    /// <summary>Who may open the Orleans Dashboard: the ops role of the national unit.</summary>
    public const string OpsPolicy = "ops";

    public const string DashboardPath = "/dashboard";

    public const string DashboardCookie = "relief_dashboard";

    public static IServiceCollection AddReliefAuthentication(this IServiceCollection services, AuthSettings settings)
    {
        services.AddSingleton(settings);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            // Keep the token's own claim names (sub, role, relief_unit) instead of the legacy WS-* mapping.
            jwt.MapInboundClaims = false;
            jwt.Authority = settings.Authority;
            jwt.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            jwt.Audience = settings.Audience;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromMinutes(1),
                NameClaimType = ReliefClaims.Subject,
                RoleClaimType = ReliefClaims.Role,
                IssuerSigningKey = settings.SigningKey is { } key ? new SymmetricSecurityKey(key) : null,
            };
            // A browser opening the dashboard cannot send a bearer header: the ops page hands the token over in a
            // cookie scoped to the dashboard's path, read only there.
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments(DashboardPath, StringComparison.Ordinal)
                        && context.Request.Cookies.TryGetValue(DashboardCookie, out var token))
                    {
                        context.Token = token;
                    }
                    return Task.CompletedTask;
                },
            };
        });
        services.AddAuthorization(authorization => authorization.AddPolicy(OpsPolicy, policy => policy
            .RequireClaim(ReliefClaims.Role, ReliefRole.Ops.Name())
            .RequireClaim(ReliefClaims.Unit, Relief.Workflows.Hierarchy.OrgCode.NationalCode)));
        if (settings.SigningKey is not null)
        {
            services.AddSingleton<LocalTokenIssuer>();
        }
        return services;
    }
}
