using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Relief.Api.Acting;

namespace Relief.Bench.Hosting;

/// <summary>
/// Bearer tokens as the union's single sign-on would issue them (user, unit, roles), signed with a key made for this
/// run and given to the silo as <c>Relief:Auth:SigningKey</c>. One token per user is made once and reused.
/// </summary>
public sealed class BenchTokens
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<(string User, string Unit, ReliefRole Role), string> _issued = new();
    private readonly SymmetricSecurityKey _key;

    public BenchTokens()
    {
        SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _key = new SymmetricSecurityKey(Convert.FromBase64String(SigningKey));
    }

    /// <summary>Base64 of the run's HMAC key.</summary>
    public string SigningKey { get; }

    public string For(string user, string unit, ReliefRole role) => _issued.GetOrAdd((user, unit, role), Sign);

    private string Sign((string User, string Unit, ReliefRole Role) who)
    {
        var now = DateTime.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "relief",
            Audience = "relief",
            Subject = new ClaimsIdentity(
            [
                new Claim(ReliefClaims.Subject, who.User),
                new Claim(ReliefClaims.Unit, who.Unit),
                new Claim(ReliefClaims.Role, who.Role.Name()),
            ]),
            NotBefore = now.AddMinutes(-5),
            IssuedAt = now.AddMinutes(-5),
            // Long enough for a full-scale season on a slow machine.
            Expires = now.AddHours(24),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }
}
