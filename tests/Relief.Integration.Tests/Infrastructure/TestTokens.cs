using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Relief.Api.Acting;

namespace Relief.Integration.Tests.Infrastructure;

/// <summary>
/// Tokens as a union's single sign-on would issue them: signed with the key the test silos are configured to
/// trust (<c>Relief:Auth:SigningKey</c>), naming a user, a unit and roles.
/// </summary>
public static class TestTokens
{
    public static readonly string SigningKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("relief-test-signing-key-not-for-production-use"));

    private static readonly JsonWebTokenHandler Handler = new();

    public static string For(string user, string unit, params ReliefRole[] roles) =>
        Sign(user, unit, roles.Select(r => r.Name()), SigningKey, issuer: "relief", expires: DateTime.UtcNow.AddHours(1));

    public static string Sign(string user, string unit, IEnumerable<string> roles, string base64Key, string issuer, DateTime expires)
    {
        var claims = new List<Claim> { new(ReliefClaims.Subject, user), new(ReliefClaims.Unit, unit) };
        claims.AddRange(roles.Select(role => new Claim(ReliefClaims.Role, role)));
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "relief",
            Subject = new ClaimsIdentity(claims),
            NotBefore = expires.AddHours(-2),
            IssuedAt = expires.AddHours(-2),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(base64Key)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// The roles of the tests' conventional user names: the name's first word (<c>approver-CN-44-03</c>,
    /// <c>finance-CN</c>, <c>clerk-…</c>, <c>auditor</c>, <c>admin</c>) is the role.
    /// </summary>
    public static ReliefRole[] RolesOf(string user) =>
        Enum.TryParse<ReliefRole>(user.Split('-', '.')[0], ignoreCase: true, out var role) ? [role] : [];
}
