using System.Security.Cryptography;
using System.Text;

namespace Relief.Workflows.Applicants;

/// <summary>
/// Turns a resident ID number into a keyed hash (HMAC-SHA-256 with a secret of the deployment), so the
/// duplicate guard can be found by ID without the ID ever appearing in a grain key, a log line or a trace.
/// </summary>
public sealed class ApplicantIdentity(byte[] secret)
{
    public const int MinimumSecretBytes = 32;

    /// <summary>The key of the duplicate guard for one person in one programme.</summary>
    public string ClaimKey(Guid programmeId, string idNumber)
    {
        var hash = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(ResidentIdNumber.Normalise(idNumber)));
        // The prefix keeps the key from ever being all hex digits (Orleans' storage would read it as a number).
        return $"claim/{programmeId:N}/{Convert.ToBase64String(hash, 0, 18).Replace('+', '-').Replace('/', '_')}";
    }
}
