using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Faults;

/// <summary>
/// A silo process in embedded mode that can be killed (SIGKILL) and started again on the same data folder, as
/// an operator's service manager restarts it. Requests always go to the process now running.
/// </summary>
public sealed class RestartableSilo : IReliefHttp, IAsyncDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "relief-crash-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string[] _settings;
    private SiloProcess _silo = null!;

    private RestartableSilo(string[] settings) => _settings = settings;

    public HttpClient Http => _silo.Http;

    public int Restarts { get; private set; }

    /// <summary>What the process now running has written so far.</summary>
    public string Output => _silo.Output;

    /// <summary>Starts the process with <paramref name="settings"/> (<c>--Key=value</c>) beside the data folder, at every restart too.</summary>
    public static async Task<RestartableSilo> Start(params string[] settings)
    {
        var silo = new RestartableSilo(settings);
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
        // A free port chosen for the new process may be taken by another test's process before it binds (the
        // process then exits at once): it is started again on other ports, as a service manager would retry.
        for (var attempt = 1; ; attempt++)
        {
            _silo = SiloProcess.Start([$"--Relief:Storage:DataFolder={_dataFolder}", .. _settings]);
            try
            {
                await _silo.WaitUntilReady(TimeSpan.FromMinutes(2));
                return;
            }
            catch (TimeoutException) when (attempt < 3 && _silo.Output.Contains("address already in use", StringComparison.Ordinal))
            {
                await _silo.DisposeAsync();
            }
        }
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
