using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Relief.Integration.Tests.Infrastructure;

/// <summary>
/// The real silo executable (<c>Relief.Silo.dll</c>, built beside the tests) run as its own process on free
/// loopback ports, the way an operator runs it. Output is captured for assertions and for failure messages.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        // Generous: the concurrency tests queue hundreds of requests behind one grain; latency is for the benchmark to measure.
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(3) };
        // Reads go as a national auditor (who may read the whole tree) unless a request carries its own token.
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", TestTokens.For("auditor.cn", "CN", Relief.Api.Acting.ReliefRole.Auditor));
        Anonymous = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(3) };
    }

    public Uri BaseAddress { get; }

    /// <summary>Requests as a signed-in national auditor by default; a request's own Authorization header wins.</summary>
    public HttpClient Http { get; }

    /// <summary>Requests without any token: what the public sends.</summary>
    public HttpClient Anonymous { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the silo with the given arguments plus free HTTP, silo and gateway ports.</summary>
    public static SiloProcess Start(params string[] args)
    {
        var httpPort = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Relief.Silo.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{httpPort}");
        foreach (var port in new[] { "--Relief:Cluster:SiloPort", "--Relief:Cluster:GatewayPort" })
        {
            if (!args.Any(a => a.StartsWith(port + "=", StringComparison.Ordinal)))
            {
                info.ArgumentList.Add($"{port}={FreePort()}");
            }
        }
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // The silos trust the tests' token key, as a deployment trusts its single sign-on.
        if (!args.Any(a => a.StartsWith("--Relief:Auth:", StringComparison.Ordinal)))
        {
            info.Environment["Relief__Auth__SigningKey"] = TestTokens.SigningKey;
        }
        info.Environment["Logging__LogLevel__Default"] = "Information";

        var process = new Process { StartInfo = info };
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{httpPort}"));
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Runs a command of the silo (migrate-only, import-orgs) to its end and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEnd(params string[] args)
    {
        await using var silo = Start(args);
        var exitCode = await silo.WaitForExit(TimeSpan.FromMinutes(2));
        return (exitCode, silo.Output);
    }

    public async Task WaitUntilReady(TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The silo did not become ready. Its output:{Environment.NewLine}{Output}");
    }

    public async Task<int> WaitForExit(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo did not exit. Its output:{Environment.NewLine}{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>Ends the process the hard way (SIGKILL): nothing gets a chance to flush or say goodbye.</summary>
    public async Task Kill()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the process to stop (SIGTERM), as Kubernetes or Ctrl+C would.</summary>
    public async Task<int> Stop()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        return await WaitForExit(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await Kill();
        }
        Http.Dispose();
        Anonymous.Dispose();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
