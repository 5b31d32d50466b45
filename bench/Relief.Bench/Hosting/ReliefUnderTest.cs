using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Relief.Silo.Commands;
using Relief.Workflows;
using Relief.Workflows.Notices;

namespace Relief.Bench.Hosting;

/// <summary>The storage a benchmarked Relief process runs on.</summary>
public enum BenchStorage
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The whole Relief process (silo, HTTP API on Kestrel, telemetry) built by <see cref="ServeCommand.Build"/> and hosted
/// in the harness's process on a free port, as the integration tests host it: the harness then owns the domain clock
/// and can listen to the Relief meter. Everything else is production: the SQLite file or PostgreSQL, reminders, Kestrel.
/// </summary>
public sealed class ReliefUnderTest : IAsyncDisposable
{
    /// <summary>A Monday in the weeks before the Spring Festival (Beijing time), inside the shipped holiday calendars.</summary>
    public static readonly DateTimeOffset SeasonStart = new(2027, 1, 11, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly WebApplication _app;
    private readonly string _dataFolder;
    private readonly PostgresDatabase? _database;

    private ReliefUnderTest(WebApplication app, BenchStorage storage, string dataFolder, PostgresDatabase? database, Uri address, MovableClock clock)
    {
        _app = app;
        Storage = storage;
        _dataFolder = dataFolder;
        _database = database;
        Clock = clock;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromMinutes(10),
        };
    }

    public BenchStorage Storage { get; }

    public MovableClock Clock { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ReliefUnderTest> Start(BenchStorage storage, string? postgresServer, string signingKey, double samplingRatio)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "relief-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var database = storage == BenchStorage.PostgreSql ? await PostgresDatabase.Create(postgresServer!, "relief_bench") : null;
        var port = FreePort.Next();
        var clock = new MovableClock(SeasonStart);
        List<string> args =
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--Relief:Storage:DataFolder={dataFolder}",
            $"--Relief:Cluster:SiloPort={FreePort.Next()}",
            $"--Relief:Cluster:GatewayPort={FreePort.Next()}",
            $"--Relief:Auth:SigningKey={signingKey}",
            "--Relief:DemoHierarchy=false",
            $"--Relief:Telemetry:SamplingRatio={samplingRatio.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            // The harness prints its own progress; the silo's information logs would drown it.
            "--Logging:LogLevel:Default=Warning",
        ];
        if (database is not null)
        {
            args.Add("--Relief:Storage:Mode=PostgreSql");
            args.Add($"--Relief:Storage:ConnectionString={database.ConnectionString}");
            args.Add($"--Relief:Privacy:IdentityKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}");
        }
        var app = ServeCommand.Build([.. args], services =>
        {
            services.AddSingleton(new ReliefClock(clock));
            // A list closes within seconds of its window's end instead of a minute: the season is compressed.
            services.Configure<NoticeOptions>(options => options.CheckPeriod = TimeSpan.FromSeconds(2));
            services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(2));
        });
        await app.StartAsync();
        var host = new ReliefUnderTest(app, storage, dataFolder, database, new Uri($"http://127.0.0.1:{port}"), clock);
        await host.WaitUntilReady();
        return host;
    }

    private async Task WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                using var ready = await Http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The Relief process did not become ready within two minutes.");
            }
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
