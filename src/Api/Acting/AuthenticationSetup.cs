using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Relief.Api.Acting;

/// <summary>JWT bearer validation the standard way: issuer, audience, lifetime and a signing key or an OIDC authority.</summary>
public static class AuthenticationSetup
{
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
        });
        services.AddAuthorization();
        if (settings.SigningKey is not null)
        {
            services.AddSingleton<LocalTokenIssuer>();
        }
        return services;
    }
}
