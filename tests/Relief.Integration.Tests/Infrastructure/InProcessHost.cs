using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Relief.Silo.Commands;
using Relief.Silo.Hierarchy;
using Relief.Workflows;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Notices;

namespace Relief.Integration.Tests.Infrastructure;

/// <summary>
/// The whole Relief process (silo, API, pages, local sign-in with the demo accounts, telemetry) hosted in the test
/// process on a free port and a fresh data folder, so a test can move its domain clock past a notice window or add
/// an in-memory telemetry exporter. Everything else is as in production: SQLite file, Orleans reminders, Kestrel.
/// </summary>
public sealed class InProcessHost : IReliefHttp, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataFolder;

    private InProcessHost(WebApplication app, string dataFolder, Uri address, FakeTimeProvider clock)
    {
        _app = app;
        _dataFolder = dataFolder;
        Address = address;
        Clock = clock;
        // Like a browser, the test's client sends no traceparent: each request is the root of its own trace, not a
        // child of whatever Activity happens to be current in the test.
        Http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(3) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", TestTokens.For("auditor.cn", "CN", Relief.Api.Acting.ReliefRole.Auditor));
    }

    public Uri Address { get; }

    /// <summary>The domain clock (notice windows, programme dates); Orleans and Kestrel keep real time.</summary>
    public FakeTimeProvider Clock { get; }

    public HttpClient Http { get; }

    /// <summary>The host's services (its meter provider, its grains).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the process; <paramref name="settings"/> are more command-line settings (<c>--Relief:…=…</c>).</summary>
    public static async Task<InProcessHost> Start(Action<IServiceCollection>? more = null, IEnumerable<string>? settings = null)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "relief-browser-" + Guid.NewGuid().ToString("N")[..12]);
        var port = SiloProcess.FreePort();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = ServeCommand.Build(
        [
            $"--Relief:Storage:DataFolder={dataFolder}",
            $"--urls=http://127.0.0.1:{port}",
            $"--Relief:Cluster:SiloPort={SiloProcess.FreePort()}",
            $"--Relief:Cluster:GatewayPort={SiloProcess.FreePort()}",
            $"--Relief:Auth:SigningKey={TestTokens.SigningKey}",
            .. settings ?? [],
        ], services =>
        {
            services.AddSingleton(clock);
            services.AddSingleton(new ReliefClock(clock));
            services.Configure<NoticeOptions>(options => options.CheckPeriod = TimeSpan.FromSeconds(2));
            services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(2));
            services.Configure<Relief.Workflows.Engine.Timers.WakeupOptions>(options => options.SweepPeriod = TimeSpan.FromSeconds(2));
            more?.Invoke(services);
        });
        await app.StartAsync();
        var host = new InProcessHost(app, dataFolder, new Uri($"http://127.0.0.1:{port}"), clock);
        await Eventually.Get(async () =>
        {
            try
            {
                using var ready = await host.Http.GetAsync("/health/ready");
                return ready.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ready => ready, TimeSpan.FromMinutes(2));
        return host;
    }

    /// <summary>
    /// The same process in PostgreSQL mode on <paramref name="storage"/>'s database, with the demo hierarchy imported
    /// through the grains as the import command does (PostgreSQL mode seeds none).
    /// </summary>
    public static async Task<InProcessHost> StartOnPostgres(TestStorage storage, Action<IServiceCollection>? more = null, IEnumerable<string>? settings = null)
    {
        var host = await Start(more,
        [
            "--Relief:Storage:Mode=PostgreSql",
            $"--Relief:Storage:ConnectionString={storage.Settings.ConnectionString}",
            $"--Relief:Privacy:IdentityKey={TestStorage.IdentityKey}",
            .. settings ?? [],
        ]);
        await new HierarchyImporter(host.Services.GetRequiredService<IGrainFactory>()).Import(DemoHierarchy.Read());
        return host;
    }

    public async Task<HttpResponseMessage> Send(string user, string unit, HttpMethod method, string path, object? body = null)
    {
        using var request = EmbeddedSiloFixture.As(user, unit, method, path, body);
        return await Http.SendAsync(request);
    }

    /// <summary>Runs a statement on the host's own database (a test's trigger that makes a store refuse its writes).</summary>
    public async Task Sql(string sql)
    {
        var database = Services.GetRequiredService<Relief.Silo.Storage.ReliefDatabase>();
        await using var connection = await database.Open(CancellationToken.None);
        await using var command = database.Command(connection, sql);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
