using System.Security.Claims;
using Relief.Workflows.Hierarchy;

namespace Relief.Api.Acting;

/// <summary>
/// The claims a Relief token carries: <c>sub</c> (the user id), <c>relief_unit</c> (the org code of the user's
/// unit) and one <c>role</c> claim per role (<c>clerk</c>, <c>approver</c>, <c>finance</c>, <c>auditor</c>,
/// <c>admin</c>). A union's single sign-on issues the same claims; the local sign-in of embedded mode does too.
/// </summary>
public static class ReliefClaims
{
    public const string Subject = "sub";
    public const string Unit = "relief_unit";
    public const string Role = "role";

    public static string Name(this ReliefRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The signed-in user of a principal, or null when a claim is missing or malformed.</summary>
    public static ReliefUser? User(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var id = principal.FindFirst(Subject)?.Value;
        var unit = principal.FindFirst(Unit)?.Value;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 100 || !OrgCode.TryParse(unit, out var code, out _))
        {
            return null;
        }
        var roles = principal.FindAll(Role)
            .Select(c => Common.EnumNames.TryParse<ReliefRole>(c.Value, out var role) ? role : (ReliefRole?)null)
            .OfType<ReliefRole>()
            .ToHashSet();
        return new ReliefUser(id, code, roles);
    }
}
