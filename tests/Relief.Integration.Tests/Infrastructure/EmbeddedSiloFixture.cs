using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Relief.Integration.Tests.Infrastructure;

/// <summary>
/// One real silo process in embedded mode (demo hierarchy loaded), shared by the API tests of a collection.
/// Each test makes its own programme, so no test depends on another's data.
/// </summary>
public sealed class EmbeddedSiloFixture : IAsyncLifetime, IReliefHttp
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "relief-api-" + Guid.NewGuid().ToString("N")[..12]);
    private SiloProcess? _silo;

    /// <summary>The silo's data folder (its SQLite file is <c>relief.db</c> in it).</summary>
    public string DataFolder => _dataFolder;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo did not start.");

    public HttpClient Http => Silo.Http;

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start($"--Relief:Storage:DataFolder={_dataFolder}");
        await _silo.WaitUntilReady();
    }

    /// <summary>A request acting as a user of a unit, with the role its name begins with (see <see cref="TestTokens.RolesOf"/>).</summary>
    public static HttpRequestMessage As(string user, string unit, HttpMethod method, string path, object? body = null) =>
        WithToken(TestTokens.For(user, unit, TestTokens.RolesOf(user)), method, path, body);

    /// <summary>A request carrying <paramref name="token"/> as its bearer token (null: none).</summary>
    public static HttpRequestMessage WithToken(string? token, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is string raw)
        {
            request.Content = new StringContent(raw, new MediaTypeHeaderValue("application/json"));
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return request;
    }

    public async Task<HttpResponseMessage> Send(string user, string unit, HttpMethod method, string path, object? body = null)
    {
        using var request = As(user, unit, method, path, body);
        return await Silo.Http.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.Stop();
            await _silo.DisposeAsync();
        }
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedEmbeddedSilo : ICollectionFixture<EmbeddedSiloFixture>
{
    public const string Name = "Embedded silo process";
}
