using System.Collections.Concurrent;
using System.Security.Cryptography;
using Relief.Api.Acting;
using Relief.Workflows.Hierarchy;

namespace Relief.Bench.Hosting;

/// <summary>
/// Bearer tokens as the union's single sign-on would issue them (user, unit, roles), signed by Relief's own
/// <see cref="LocalTokenIssuer"/> with a key made for this run and given to the silo as <c>Relief:Auth:SigningKey</c>.
/// One token per user is made once and reused.
/// </summary>
public sealed class BenchTokens
{
    private readonly ConcurrentDictionary<(string User, string Unit, ReliefRole Role), string> _issued = new();
    private readonly LocalTokenIssuer _issuer;

    public BenchTokens()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        SigningKey = Convert.ToBase64String(key);
        // The silo's default issuer and audience; long enough for a full-scale season on a slow machine.
        _issuer = new LocalTokenIssuer(new AuthSettings("relief", "relief", null, key, TimeSpan.FromHours(24)), TimeProvider.System);
    }

    /// <summary>Base64 of the run's HMAC key.</summary>
    public string SigningKey { get; }

    public string For(string user, string unit, ReliefRole role) =>
        _issued.GetOrAdd((user, unit, role), who => _issuer.Issue(new ReliefUser(who.User, OrgCode.Parse(who.Unit), new HashSet<ReliefRole> { who.Role })).Token);
}
