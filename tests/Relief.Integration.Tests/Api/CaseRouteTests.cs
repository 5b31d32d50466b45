using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>Cases travel up their route from queue to queue, journalled at every step.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class CaseRouteTests(EmbeddedSiloFixture silo)
{
    private const string BranchDistrictCity = """{ "route": ["Branch", "District", "City"] }""";

    private static List<string> Codes(JsonElement queue) =>
        queue.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("caseId").GetString()!).ToList();

    [Fact]
    public async Task A_case_climbs_branch_district_and_city_queues_and_is_approved_with_every_step_journalled()
    {
        var scenario = await CaseScenario.Publish(silo, BranchDistrictCity);
        var id = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));

        Assert.Contains(id, Codes(await scenario.Queue(NanshanBranch)));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, NanshanBranch, "approve"));
        Assert.DoesNotContain(id, Codes(await scenario.Queue(NanshanBranch)));
        Assert.Contains(id, Codes(await scenario.Queue(Nanshan)));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, Nanshan, "approve", "情况属实"));
        Assert.DoesNotContain(id, Codes(await scenario.Queue(Nanshan)));
        Assert.Contains(id, Codes(await scenario.Queue(Shenzhen)));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, Shenzhen, "approve"));

        // Read as the city's approver, who sees the ID number masked.
        using var read = await silo.Send($"approver-{Shenzhen}", Shenzhen, HttpMethod.Get, $"/api/cases/{id}");
        var approved = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Empty(Codes(await scenario.Queue(Shenzhen)));
        Assert.Equal("440305********" , approved.GetProperty("applicant").GetProperty("idNumber").GetString()![..14]);
        var journal = approved.GetProperty("journal").EnumerateArray().ToList();
        Assert.Equal(["file", "approve@Branch", "approve@District", "approve@City"], journal.Select(e => e.GetProperty("step").GetString()));
        Assert.Equal([NanshanBranch, NanshanBranch, Nanshan, Shenzhen], journal.Select(e => e.GetProperty("unit").GetString()));
        Assert.Equal($"clerk-{NanshanBranch}", journal[0].GetProperty("actor").GetString());
        Assert.Equal($"approver-{Nanshan}", journal[2].GetProperty("actor").GetString());
        Assert.Equal($"waiting at {Nanshan} (District)", journal[2].GetProperty("from").GetString());
        Assert.Equal($"waiting at {Shenzhen} (City)", journal[2].GetProperty("to").GetString());
        Assert.Equal("approved", journal[3].GetProperty("to").GetString());
        Assert.Equal("情况属实", journal[2].GetProperty("comment").GetString());
        Assert.All(journal, e => Assert.True(e.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.Equal(1, (await scenario.Quota(Shenzhen)).GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task A_threshold_adds_the_province_and_a_new_route_version_leaves_running_cases_alone()
    {
        var scenario = await CaseScenario.Publish(silo,
            """{ "route": ["Branch", "District", "City"], "rules": [ { "when": { "amountAbove": "2000.00" }, "add": ["Provincial"] } ] }""",
            allowAboveStandard: true);
        var large = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber(), amount: "2500.00"));
        var small = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber(), amount: "1500.00"));

        await scenario.Expect(HttpStatusCode.OK, await silo.Send("admin", "CN", HttpMethod.Put,
            $"/api/programmes/{scenario.ProgrammeId}/workflow", """{ "route": ["Branch", "District"] }"""));
        var later = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber(), amount: "2500.00"));

        static List<string> Levels(JsonElement c) => c.GetProperty("route").EnumerateArray().Select(s => s.GetProperty("level").GetString()!).ToList();
        var largeCase = await scenario.Case(large);
        Assert.Equal(["Branch", "District", "City", "Provincial"], Levels(largeCase));
        Assert.Equal(1, largeCase.GetProperty("definitionVersion").GetInt32());
        Assert.Equal(["Branch", "District", "City"], Levels(await scenario.Case(small)));
        var laterCase = await scenario.Case(later);
        Assert.Equal(["Branch", "District"], Levels(laterCase));
        Assert.Equal(2, laterCase.GetProperty("definitionVersion").GetInt32());

        // The running case still needs the province after the city, whatever version 2 says.
        foreach (var unit in new[] { NanshanBranch, Nanshan, Shenzhen })
        {
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(large, unit, "approve"));
        }
        Assert.Equal("CN-44", (await scenario.Case(large)).GetProperty("waitingAt").GetString());
    }

    [Fact]
    public async Task Decisions_out_of_place_or_on_a_stale_version_conflict_and_returns_and_rejections_give_places_back()
    {
        var scenario = await CaseScenario.Publish(silo, BranchDistrictCity);
        var idNumber = NewIdNumber();
        var id = await scenario.FileOk(NanshanBranch, Applicant(idNumber));

        await scenario.Expect(HttpStatusCode.Forbidden, await scenario.Decide(id, Nanshan, "approve")); // it waits at the branch
        await scenario.Expect(HttpStatusCode.Conflict, await scenario.Decide(id, NanshanBranch, "approve", version: 99));
        await scenario.Expect(HttpStatusCode.BadRequest, await scenario.Decide(id, NanshanBranch, "return"));
        await scenario.Expect(HttpStatusCode.BadRequest, await scenario.Decide(id, NanshanBranch, "maybe"));
        var version = (await scenario.Case(id)).GetProperty("version").GetInt32();
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, NanshanBranch, "approve", version: version));
        Assert.Equal(1, (await scenario.Quota(NanshanBranch)).GetProperty("used").GetInt32());

        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, Nanshan, "return", "收入证明缺失"));
        Assert.Equal(0, (await scenario.Quota(NanshanBranch)).GetProperty("used").GetInt32());
        Assert.Contains(id, Codes(await scenario.Queue(NanshanBranch, "&waitingFor=amendment")));
        Assert.DoesNotContain(id, Codes(await scenario.Queue(Nanshan)));

        var anotherPerson = Applicant(NewIdNumber(), income: "800.00");
        await scenario.Expect(HttpStatusCode.BadRequest, await silo.Send($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Put, $"/api/cases/{id}", anotherPerson));
        var corrected = Applicant(idNumber, income: "800.00");
        await scenario.Expect(HttpStatusCode.OK, await silo.Send($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Put, $"/api/cases/{id}", corrected));
        Assert.Contains(id, Codes(await scenario.Queue(NanshanBranch)));
        Assert.Empty(Codes(await scenario.Queue(NanshanBranch, "&waitingFor=amendment")));

        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, NanshanBranch, "reject", "非本单位职工"));
        var rejected = await scenario.Case(id);
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        Assert.Equal(0, (await scenario.Quota(NanshanBranch)).GetProperty("used").GetInt32());
        Assert.Empty(Codes(await scenario.Queue(NanshanBranch)));
        Assert.Equal(["file", "approve@Branch", "return@District", "amend", "reject@Branch"],
            rejected.GetProperty("journal").EnumerateArray().Select(e => e.GetProperty("step").GetString()));
    }
}
