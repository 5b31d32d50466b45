using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Api;

[Collection(SharedEmbeddedSilo.Name)]
public sealed class ProgrammeApiTests(EmbeddedSiloFixture silo)
{
    private const string Admin = "admin-quanzong";

    private async Task<string> CreateDraft(object? terms = null)
    {
        using var created = await silo.Send(Admin, "CN", HttpMethod.Post, "/api/programmes", terms ?? ProgrammeSamples.Terms());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_draft_gets_a_route_is_published_and_later_route_versions_leave_earlier_ones_intact()
    {
        var id = await CreateDraft();

        using var saved = await silo.Send(Admin, "CN", HttpMethod.Put, $"/api/programmes/{id}/workflow", ProgrammeSamples.BranchDistrictCity);
        using var published = await silo.Send(Admin, "CN", HttpMethod.Post, $"/api/programmes/{id}/publish");
        using var revised = await silo.Send(Admin, "CN", HttpMethod.Put, $"/api/programmes/{id}", ProgrammeSamples.Terms("改名"));
        using var second = await silo.Send(Admin, "CN", HttpMethod.Put, $"/api/programmes/{id}/workflow", """{ "route": ["Branch", "District"] }""");
        var programme = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{id}");
        var first = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{id}/workflow?version=1&lang=en");
        var current = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{id}/workflow");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, published.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, revised.StatusCode);
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal("Published", programme.GetProperty("status").GetString());
        Assert.Equal("2027年两节送温暖", programme.GetProperty("terms").GetProperty("name").GetString());
        Assert.Equal("1500.00", programme.GetProperty("terms").GetProperty("categories")[0].GetProperty("standard").GetString());
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Contains("District --> City", first.GetProperty("mermaid").GetString(), StringComparison.Ordinal);
        Assert.Contains("only when amount above 2000.00", first.GetProperty("mermaid").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.DoesNotContain("City", current.GetProperty("mermaid").GetString(), StringComparison.Ordinal);
        Assert.Contains(programme.GetProperty("journal").EnumerateArray(), e => e.GetProperty("what").GetString() == "published the programme"
            && e.GetProperty("actor").GetString() == $"{Admin}@CN");
    }

    [Fact]
    public async Task Only_the_national_unit_creates_programmes_and_every_caller_must_say_who_they_are()
    {
        using var byProvince = await silo.Send("admin-gd", "CN-44", HttpMethod.Post, "/api/programmes", ProgrammeSamples.Terms());
        using var anonymous = await silo.Silo.Anonymous.PostAsJsonAsync("/api/programmes", ProgrammeSamples.Terms());

        Assert.Equal(HttpStatusCode.Forbidden, byProvince.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_terms_are_refused_field_by_field()
    {
        var terms = new
        {
            name = "",
            opens = "2027-01-10",
            lastFilingDay = "2027-01-01",
            lastPaymentDay = "2027-02-05",
            categories = new object[] { new { code = "archived", name = "在档困难职工", standard = "1500.005" }, new { code = "archived", name = "重复", standard = "-5" } },
            minimumLivingLines = new Dictionary<string, string> { ["CN-44-03-05"] = "1000.00" },
        };

        using var response = await silo.Send(Admin, "CN", HttpMethod.Post, "/api/programmes", terms);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Contains("two decimals", errors.GetProperty("categories[0].standard")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("more than 0", errors.GetProperty("categories[1].standard")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terms_that_contradict_themselves_are_refused_by_the_programme()
    {
        var terms = new
        {
            name = "日期颠倒的方案",
            opens = "2027-01-10",
            lastFilingDay = "2027-01-01",
            lastPaymentDay = "2027-02-05",
            categories = new object[] { new { code = "archived", name = "在档困难职工", standard = "1500" }, new { code = "archived", name = "重复", standard = "5" } },
            minimumLivingLines = new Dictionary<string, string> { ["CN-44-03-05"] = "1000.00" },
        };

        using var response = await silo.Send(Admin, "CN", HttpMethod.Post, "/api/programmes", terms);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("lastFilingDay", out _));
        Assert.Contains("used twice", errors.GetProperty("categories")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("minimumLivingLines.CN-44-03-05", out _));
    }

    [Theory]
    [InlineData("{ \"route\": [\"Branch\", ", "definition")]
    [InlineData("""{ "route": ["City", "Branch"] }""", "definition/route/1")]
    [InlineData("""{ "route": ["Branch"], "rules": [ { "when": { "categories": ["students"] }, "add": ["City"] } ] }""", "definition/rules/0/when/categories/0")]
    public async Task A_wrong_route_is_refused_with_the_path_of_the_fault(string json, string field)
    {
        var id = await CreateDraft();

        using var response = await silo.Send(Admin, "CN", HttpMethod.Put, $"/api/programmes/{id}/workflow", json);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        using var missing = await silo.Silo.Http.GetAsync($"/api/programmes/{id}/workflow");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_gets_a_problem_and_creates_nothing()
    {
        using var response = await silo.Send(Admin, "CN", HttpMethod.Post, "/api/programmes", "{ \"name\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.Location);
    }
}
