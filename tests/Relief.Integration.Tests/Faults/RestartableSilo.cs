using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// A silo process in embedded mode that can be killed (SIGKILL) and started again on the same data folder, as
/// an operator's service manager restarts it. Requests always go to the process now running.
/// </summary>
public sealed class RestartableSilo : IReliefHttp, IAsyncDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "relief-crash-" + Guid.NewGuid().ToString("N")[..12]);
    private SiloProcess _silo = null!;

    public HttpClient Http => _silo.Http;

    public int Restarts { get; private set; }

    public static async Task<RestartableSilo> Start()
    {
        var silo = new RestartableSilo();
        await silo.StartProcess();
        return silo;
    }

    /// <summary>Kills the process without warning, then starts a new one on the same data and waits until it is ready.</summary>
    public async Task KillAndRestart()
    {
        await _silo.Kill();
        await _silo.DisposeAsync();
        Restarts++;
        await StartProcess();
    }

    public Task Kill() => _silo.Kill();

    public async Task<HttpResponseMessage> Send(string user, string unit, HttpMethod method, string path, object? body = null)
    {
        using var request = EmbeddedSiloFixture.As(user, unit, method, path, body);
        return await _silo.Http.SendAsync(request);
    }

    /// <summary>Sends a prepared request to the process now running.</summary>
    public Task<HttpResponseMessage> Send(HttpRequestMessage request) => _silo.Http.SendAsync(request);

    private async Task StartProcess()
    {
        _silo = SiloProcess.Start($"--Relief:Storage:DataFolder={_dataFolder}");
        await _silo.WaitUntilReady(TimeSpan.FromMinutes(2));
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
