using System.Net;
using Relief.Api.Acting;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Host;

/// <summary>The Orleans Dashboard is for the national ops role only, by bearer token or the ops page's cookie.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class DashboardAccessTests(EmbeddedSiloFixture silo)
{
    [Fact]
    public async Task Only_the_national_ops_role_opens_the_dashboard()
    {
        using var anonymous = await silo.Silo.Anonymous.GetAsync("/dashboard/");
        using var approver = await Get(TestTokens.For("approver.shenzhen", "CN-44-03", ReliefRole.Approver), cookie: false);
        using var provincialOps = await Get(TestTokens.For("ops.gd", "CN-44", ReliefRole.Ops), cookie: false);
        using var ops = await Get(TestTokens.For("ops", "CN", ReliefRole.Ops), cookie: false);
        using var opsByCookie = await Get(TestTokens.For("ops", "CN", ReliefRole.Ops), cookie: true);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, approver.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, provincialOps.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ops.StatusCode);
        Assert.Equal(HttpStatusCode.OK, opsByCookie.StatusCode);
        Assert.Contains("html", ops.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> Get(string token, bool cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        if (cookie)
        {
            request.Headers.Add("Cookie", $"{AuthenticationSetup.DashboardCookie}={token}");
        }
        else
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return await silo.Silo.Anonymous.SendAsync(request);
    }
}
