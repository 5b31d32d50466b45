using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Host;

/// <summary>What the silo serves besides the API: the OpenAPI document, its reference page, the web pages.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class PagesAndApiDocumentTests(EmbeddedSiloFixture silo)
{
    [Fact]
    public async Task The_openapi_document_describes_the_routes_and_the_bearer_scheme_and_has_a_reference_page()
    {
        var document = await silo.Silo.Anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        using var reference = await silo.Silo.Anonymous.GetAsync("/api-docs/index.html");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/cases/{id}/decisions", "/api/programmes/{id}/orgunits/{code}/allocations", "/api/public/notices/{listId}", "/api/me" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the document");
        }
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        // Enums are described as the names the API reads, not as numbers it refuses.
        var source = document.GetProperty("components").GetProperty("schemas").GetProperty("FundingSource");
        Assert.Equal("string", source.GetProperty("type").GetString());
        Assert.Equal(["NationalAllocation", "ProvincialSubsidy", "LocalGovernment", "OwnFunds", "SocialDonation"], source.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("swagger", await reference.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_page_is_served_and_every_string_exists_in_chinese_and_english()
    {
        foreach (var page in new[] { "/", "/sign-in.html", "/queue.html", "/case.html", "/file.html", "/notices-admin.html", "/notices.html", "/finance.html", "/trail.html", "/audit.html", "/ops.html" })
        {
            using var response = await silo.Silo.Anonymous.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }
        var chinese = await silo.Silo.Anonymous.GetFromJsonAsync<Dictionary<string, string>>("/i18n/zh-CN.json");
        var english = await silo.Silo.Anonymous.GetFromJsonAsync<Dictionary<string, string>>("/i18n/en.json");

        Assert.Equal(chinese!.Keys.Order(StringComparer.Ordinal), english!.Keys.Order(StringComparer.Ordinal));
        Assert.All(chinese.Concat(english), entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), entry.Key));
        Assert.Equal("待审批", chinese["nav.queue"]);
    }
}
