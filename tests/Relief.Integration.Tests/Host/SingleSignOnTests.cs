using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Host;

/// <summary>
/// A union's single sign-on plugged in by configuration alone: the silo fetches the authority's OpenID Connect
/// metadata and keys, accepts the tokens it signs (RS256) and refuses others; there is no local sign-in then.
/// </summary>
public sealed class SingleSignOnTests : IAsyncLifetime
{
    private static readonly string[] SigningAlgorithms = ["RS256"];
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "relief-sso-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly RSA _idpKey = RSA.Create(2048);
    private WebApplication? _idp;
    private string _authority = "";

    public async Task InitializeAsync()
    {
        var port = SiloProcess.FreePort();
        _authority = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_authority);
        _idp = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_idpKey.ExportParameters(false)) { KeyId = "union-sso-1" });
        _idp.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _authority,
            ["jwks_uri"] = $"{_authority}/jwks",
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
        }));
        _idp.MapGet("/jwks", () => Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[] { new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E } },
        }));
        await _idp.StartAsync();
    }

    [Fact]
    public async Task Tokens_of_the_configured_authority_are_accepted_and_others_refused()
    {
        await using var silo = SiloProcess.Start(
            $"--Relief:Storage:DataFolder={_dataFolder}",
            $"--Relief:Auth:Authority={_authority}",
            $"--Relief:Auth:Issuer={_authority}",
            "--Relief:Auth:RequireHttpsMetadata=false");
        await silo.WaitUntilReady();

        using var fromSso = await Me(silo, Token(_idpKey, "kid-from-sso", "union-sso-1"));
        using var otherKey = await Me(silo, Token(RSA.Create(2048), "forger", "union-sso-1"));
        using var testKey = await Me(silo, TestTokens.For("admin", "CN", Relief.Api.Acting.ReliefRole.Admin));
        using var signIn = await silo.Anonymous.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = "Relief-Demo-2027" });

        Assert.Equal(HttpStatusCode.OK, fromSso.StatusCode);
        Assert.Equal("kid-from-sso", (await fromSso.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, testKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode); // no local accounts when the single sign-on signs
    }

    private string Token(RSA key, string user, string keyId) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = _authority,
        Audience = "relief",
        Subject = new ClaimsIdentity([new Claim("sub", user), new Claim("relief_unit", "CN-44-03-05"), new Claim("role", "approver")]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
    });

    private static async Task<HttpResponseMessage> Me(SiloProcess silo, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await silo.Anonymous.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        if (_idp is not null)
        {
            await _idp.DisposeAsync();
        }
        _idpKey.Dispose();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
