using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Relief.Api.Acting;

/// <summary>Signs the tokens of the local sign-in with the configured key: the same claims a single sign-on issues.</summary>
public sealed class LocalTokenIssuer(AuthSettings settings, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials = new(new SymmetricSecurityKey(settings.SigningKey), SecurityAlgorithms.HmacSha256);

    public (string Token, DateTimeOffset ExpiresAt) Issue(ReliefUser user)
    {
        var now = time.GetUtcNow();
        var expires = now + settings.TokenLifetime;
        var claims = new List<Claim> { new(ReliefClaims.Subject, user.Id), new(ReliefClaims.Unit, user.Unit.Value) };
        claims.AddRange(user.Roles.Select(role => new Claim(ReliefClaims.Role, role.Name())));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
        });
        return (token, expires);
    }
}
