using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Access;

/// <summary>The local sign-in of embedded mode: demo accounts, tokens the API accepts, lock-out after failures.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class SignInTests(EmbeddedSiloFixture silo)
{
    private const string DemoPassword = "Relief-Demo-2027";

    [Fact]
    public async Task A_demo_approver_signs_in_and_the_token_says_who_and_where_they_are()
    {
        using var response = await SignIn("approver.nanshan", DemoPassword);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        using var meResponse = await silo.Silo.Anonymous.SendAsync(me);
        var who = await meResponse.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(7));
        Assert.Equal(HttpStatusCode.OK, meResponse.StatusCode);
        Assert.Equal("approver.nanshan", who.GetProperty("id").GetString());
        Assert.Equal("CN-44-03-05", who.GetProperty("unit").GetString());
        Assert.Equal(["approver"], who.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_answer()
    {
        using var wrong = await SignIn("finance.nanshan", "guess");
        using var unknown = await SignIn("nobody", "guess");
        using var empty = await SignIn("", "");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("userName", out _) && errors.TryGetProperty("password", out _), errors.ToString());
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        for (var i = 0; i < 5; i++)
        {
            using var failed = await SignIn("auditor.cn", $"wrong-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await SignIn("auditor.cn", DemoPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("Account locked", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    private Task<HttpResponseMessage> SignIn(string userName, string password) =>
        silo.Silo.Anonymous.PostAsJsonAsync("/api/auth/sign-in", new { userName, password });
}
