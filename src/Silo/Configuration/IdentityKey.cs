using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Relief.Workflows.Applicants;

namespace Relief.Silo.Configuration;

/// <summary>
/// The secret behind <see cref="ApplicantIdentity"/> (setting <c>Relief:Privacy:IdentityKey</c>, base64 of at least
/// 32 random bytes, the same on every silo and never changed during a programme). In embedded mode, when it is
/// not set, a key is made once and kept in the data folder beside the SQLite file.
/// </summary>
public static class IdentityKey
{
    public const string Setting = "Relief:Privacy:IdentityKey";
    public const string FileName = "identity.key";

    public static ApplicantIdentity Load(IConfiguration configuration, StorageSettings storage)
    {
        var text = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(text))
        {
            return new ApplicantIdentity(Decode(text.Trim()));
        }
        if (storage.Mode != StorageMode.Embedded)
        {
            throw new ReliefConfigurationException(Setting,
                "PostgreSql mode needs the key that hides ID numbers (base64 of at least 32 random bytes, the same on every silo)");
        }
        Directory.CreateDirectory(storage.DataFolder);
        var path = Path.Combine(storage.DataFolder, FileName);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(ApplicantIdentity.MinimumSecretBytes)));
        }
        return new ApplicantIdentity(Decode(File.ReadAllText(path).Trim()));
    }

    private static byte[] Decode(string text)
    {
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var length) || length < ApplicantIdentity.MinimumSecretBytes)
        {
            throw new ReliefConfigurationException(Setting, $"the key must be base64 of at least {ApplicantIdentity.MinimumSecretBytes} bytes");
        }
        return bytes[..length];
    }
}
