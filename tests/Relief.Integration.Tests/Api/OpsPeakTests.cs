using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>The ops page's figures: filings and decisions this hour per province, and what waits there now.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class OpsPeakTests(EmbeddedSiloFixture silo)
{
    [Fact]
    public async Task Filings_decisions_and_waiting_cases_are_counted_per_province_this_hour()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""");
        var guangdong = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            guangdong.Add(await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber())));
        }
        await scenario.FileOk(XuanwuBranch, Applicant(NewIdNumber()));
        foreach (var id in guangdong.Take(2))
        {
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, Nanshan, "approve"));
        }

        using var response = await silo.Send("ops", "CN", HttpMethod.Get, $"/api/ops/peak?programme={scenario.ProgrammeId}&hours=3");
        var peak = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var notOps = await silo.Send($"approver-{Nanshan}", Nanshan, HttpMethod.Get, $"/api/ops/peak?programme={scenario.ProgrammeId}");
        using var noProgramme = await silo.Send("ops", "CN", HttpMethod.Get, "/api/ops/peak");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var provinces = peak.GetProperty("provinces").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!);
        Assert.Equal(3, peak.GetProperty("hours").GetArrayLength());
        // Summed over the hours asked for: the test may straddle the turn of an hour.
        static long Total(JsonElement province, string what) => province.GetProperty(what).EnumerateArray().Sum(v => v.GetInt64());
        Assert.Equal(3, Total(provinces["CN-44"], "filed"));
        Assert.Equal(2, Total(provinces["CN-44"], "decided"));
        Assert.Equal(1, provinces["CN-44"].GetProperty("waiting").GetInt32());
        Assert.Equal(1, Total(provinces["CN-32"], "filed"));
        Assert.Equal(1, provinces["CN-32"].GetProperty("waiting").GetInt32());
        Assert.Equal(0, Total(provinces["CN-32"], "decided"));
        Assert.Equal(HttpStatusCode.Forbidden, notOps.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noProgramme.StatusCode);
    }
}
