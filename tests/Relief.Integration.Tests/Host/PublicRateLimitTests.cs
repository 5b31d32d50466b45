using System.Net;
using System.Net.Http.Json;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Host;

/// <summary>
/// The public routes and the sign-in need no token, so each client address has a budget there; the API also
/// bounds request sizes. A silo of its own: the budgets are per address.
/// </summary>
public sealed class PublicRateLimitTests : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "relief-rate-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task A_client_that_reads_public_lists_too_fast_gets_429()
    {
        await using var silo = SiloProcess.Start($"--Relief:Storage:DataFolder={_dataFolder}");
        await silo.WaitUntilReady();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 70; i++)
        {
            using var read = await silo.Anonymous.GetAsync($"/api/public/notices/{Guid.NewGuid()}");
            statuses.Add(read.StatusCode);
        }

        // 60 a minute: the first 60 are answered; the rest are refused unless a new minute began meanwhile.
        Assert.All(statuses.Take(60), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);

        // Sign-in: 20 attempts a minute per address, whatever the account.
        var signIns = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var attempt = await silo.Anonymous.PostAsJsonAsync("/api/auth/sign-in", new { userName = $"guess-{i}", password = "x" });
            signIns.Add(attempt.StatusCode);
        }
        Assert.All(signIns.Take(20), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, signIns);

        // An oversized body is refused before anything reads it (1 MiB for JSON routes).
        using var huge = new StringContent($"{{\"reason\": \"{new string('x', 2 * 1024 * 1024)}\"}}", System.Text.Encoding.UTF8, "application/json");
        using var tooLarge = await silo.Http.PostAsync($"/api/programmes/{Guid.NewGuid()}/orgunits/CN/grants", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
