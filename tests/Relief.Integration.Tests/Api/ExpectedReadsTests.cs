using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>Reads our users expect: the units above one's own, branch names on notices, money by source without noise.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class ExpectedReadsTests(EmbeddedSiloFixture silo)
{
    [Fact]
    public async Task A_branch_reads_the_units_above_it_and_sees_only_its_own_path_among_their_children()
    {
        using var district = await silo.Send($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Get, $"/api/orgunits/{Nanshan}");
        using var national = await silo.Send($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Get, "/api/orgunits/CN");
        using var sibling = await silo.Send($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Get, "/api/orgunits/CN-44-03-04");
        using var other = await silo.Send($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Get, "/api/orgunits/CN-44-03-05-0002");

        Assert.Equal(HttpStatusCode.OK, district.StatusCode);
        var body = await district.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("深圳市南山区总工会", body.GetProperty("name").GetString());
        Assert.Equal(Shenzhen, body.GetProperty("parent").GetProperty("code").GetString());
        Assert.Equal([NanshanBranch], body.GetProperty("children").GetProperty("items").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.OK, national.StatusCode);
        Assert.Equal(["CN-44"], (await national.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("children").GetProperty("items").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Public_notice_lines_name_the_branch_beside_its_code_and_the_list_names_its_unit()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch", "District"], "notice": { "level": "District", "days": 5 } }""");
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, NanshanBranch, "approve"));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));
        using var published = await silo.Send($"approver-{Nanshan}", Nanshan, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/notices/publish");
        var listId = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("listId").GetString();
        var branchName = (await silo.Http.GetFromJsonAsync<JsonElement>($"/api/orgunits/{NanshanBranch}")).GetProperty("name").GetString();

        using var anonymous = new HttpClient { BaseAddress = silo.Silo.BaseAddress };
        var list = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/notices/{listId}");

        var line = Assert.Single(list.GetProperty("lines").EnumerateArray());
        Assert.Equal(NanshanBranch, line.GetProperty("branch").GetString());
        Assert.Equal(branchName, line.GetProperty("branchName").GetString());
        Assert.Equal("深圳市南山区总工会", list.GetProperty("unitName").GetString());
    }

    [Fact]
    public async Task Money_by_source_is_the_five_sources_and_their_total()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["Branch"] }""");

        var account = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/account");
        var ledger = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/ledger");

        string[] shape = ["nationalAllocation", "provincialSubsidy", "localGovernment", "ownFunds", "socialDonation", "total"];
        Assert.Equal(shape, account.GetProperty("available").EnumerateObject().Select(p => p.Name));
        Assert.Equal("20000000.00", account.GetProperty("available").GetProperty("total").GetString());
        Assert.All(ledger.GetProperty("items").EnumerateArray(), e => Assert.Equal(shape, e.GetProperty("amounts").EnumerateObject().Select(p => p.Name)));
    }
}
