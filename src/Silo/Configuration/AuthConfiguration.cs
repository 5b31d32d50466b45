using System.Security.Cryptography;
using Relief.Api.Acting;

namespace Relief.Silo.Configuration;

/// <summary>
/// Reads <c>Relief:Auth</c>: <c>Issuer</c> and <c>Audience</c> (default <c>relief</c>), and the keys: an OIDC
/// <c>Authority</c> or a base64 <c>SigningKey</c> of at least 32 bytes. In embedded mode with neither, a key is
/// made once in the data folder, and the local sign-in with its demo accounts is on.
/// </summary>
public static class AuthConfiguration
{
    public const string SigningKeyFile = "signing.key";

    public static AuthSettings FromConfiguration(IConfiguration configuration, StorageSettings storage)
    {
        var section = configuration.GetSection(AuthSettings.Section);
        var issuer = NonEmpty(section["Issuer"]) ?? "relief";
        var audience = NonEmpty(section["Audience"]) ?? "relief";
        var authority = NonEmpty(section["Authority"]);
        if (authority is not null && !Uri.TryCreate(authority, UriKind.Absolute, out _))
        {
            throw new ReliefConfigurationException($"{AuthSettings.Section}:Authority", $"'{authority}' is not an absolute URL");
        }
        var key = NonEmpty(section["SigningKey"]) is { } text ? Decode(text) : null;
        var lifetime = NonEmpty(section["TokenLifetime"]) is { } span
            ? TimeSpan.TryParse(span, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
                ? parsed
                : throw new ReliefConfigurationException($"{AuthSettings.Section}:TokenLifetime", $"'{span}' is not a positive time span such as 08:00:00")
            : TimeSpan.FromHours(8);
        var embedded = storage.Mode == StorageMode.Embedded;
        if (key is null && authority is null)
        {
            if (!embedded)
            {
                throw new ReliefConfigurationException($"{AuthSettings.Section}:Authority",
                    "PostgreSql mode needs the single sign-on's Authority (OIDC) or a shared SigningKey to validate tokens");
            }
            key = LocalKey(storage);
        }
        var requireHttps = NonEmpty(section["RequireHttpsMetadata"]) is { } https
            ? bool.TryParse(https, out var value) ? value : throw new ReliefConfigurationException($"{AuthSettings.Section}:RequireHttpsMetadata", $"'{https}' is not true or false")
            : true;
        return new AuthSettings(issuer, audience, authority, key, lifetime)
        {
            LocalSignIn = embedded && key is not null,
            RequireHttpsMetadata = requireHttps,
        };
    }

    private static byte[] LocalKey(StorageSettings storage)
    {
        Directory.CreateDirectory(storage.DataFolder);
        var path = Path.Combine(storage.DataFolder, SigningKeyFile);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(AuthSettings.MinimumKeyBytes)));
        }
        return Decode(File.ReadAllText(path).Trim());
    }

    private static byte[] Decode(string text)
    {
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), bytes, out var length) || length < AuthSettings.MinimumKeyBytes)
        {
            throw new ReliefConfigurationException($"{AuthSettings.Section}:SigningKey",
                $"the key must be base64 of at least {AuthSettings.MinimumKeyBytes} bytes");
        }
        return bytes[..length];
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
