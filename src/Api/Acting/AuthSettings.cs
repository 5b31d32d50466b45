namespace Relief.Api.Acting;

/// <summary>
/// How bearer tokens are validated (section <c>Relief:Auth</c>): the issuer and audience always; the keys either
/// from an OpenID Connect <see cref="Authority"/> (a union's single sign-on) or from a shared
/// <see cref="SigningKey"/> (HMAC-SHA256), which is also what the local sign-in of embedded mode signs with.
/// </summary>
public sealed record AuthSettings(string Issuer, string Audience, string? Authority, byte[]? SigningKey, TimeSpan TokenLifetime)
{
    public const string Section = "Relief:Auth";
    public const int MinimumKeyBytes = 32;

    /// <summary>Local accounts and their sign-in route exist in embedded mode only.</summary>
    public bool LocalSignIn { get; init; }

    /// <summary>Whether the authority's metadata must come over HTTPS (off only for a test or lab authority).</summary>
    public bool RequireHttpsMetadata { get; init; } = true;
}
