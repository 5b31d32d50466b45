using System.Net;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Host;

/// <summary>The public routes need no sign-in, so each client address has a budget (a silo of its own: the budget is per address).</summary>
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
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
