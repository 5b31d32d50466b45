using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.SpotChecks;

/// <summary>A district spot-checks what its four branches approved: a reproducible draw, findings and vetoes.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class SpotCheckApiTests(EmbeddedSiloFixture silo)
{
    private const long Seed = 20_270_204;

    [Fact]
    public async Task A_district_draws_a_spread_sample_the_same_for_the_same_seed_and_its_vetoes_release_money_and_quota()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""", quota: 100);
        var branches = Enumerable.Range(1, 4).Select(i => $"{Nanshan}-{i:D4}").ToList();
        var cases = new List<string>();
        foreach (var branch in branches)
        {
            await scenario.HandDownMoney(branch, 100_000m);
            for (var i = 0; i < 10; i++)
            {
                cases.Add(await scenario.FileOk(branch, Applicant(NewIdNumber())));
            }
        }
        using (var approved = await silo.Send($"approver-{Nanshan}", Nanshan, HttpMethod.Post, "/api/cases/decisions",
            new { decision = "approve", cases = cases.Select(id => new { id }) }))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        var first = await Draw(scenario, 10m, Seed);
        var again = await Draw(scenario, 10m, Seed);
        var sample = Lines(first);

        Assert.Equal(40, first.GetProperty("population").GetInt32());
        Assert.Equal(Seed, first.GetProperty("seed").GetInt64());
        Assert.Equal(4, sample.Count);
        Assert.Equal(branches, sample.Select(l => l.SubUnit).Order(StringComparer.Ordinal));
        Assert.Equal(sample, Lines(again));
        Assert.Contains("seed 20270204", first.GetProperty("journal")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        var listed = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/spot-checks");
        Assert.Equal(2, listed.GetProperty("total").GetInt32());
        Assert.Equal(again.GetProperty("id").GetString(), listed.GetProperty("items")[0].GetString()); // newest first

        // Veto an unpaid case: rejected, its 1,500 yuan back to available, its place in the district's quota free.
        var spotCheck = first.GetProperty("id").GetString()!;
        var (vetoed, vetoedBranch) = sample[0];
        var availableBefore = await Available(scenario, vetoedBranch);
        var usedBefore = (await scenario.Quota(Nanshan)).GetProperty("used").GetInt32();
        await scenario.Expect(HttpStatusCode.NoContent, await Find(spotCheck, vetoed, "Vetoed", "收入证明与银行流水不符"));
        Assert.Equal("Rejected", (await scenario.Case(vetoed)).GetProperty("status").GetString());
        Assert.Equal(availableBefore + 1500m, await Available(scenario, vetoedBranch));
        Assert.Equal(usedBefore - 1, (await scenario.Quota(Nanshan)).GetProperty("used").GetInt32());

        // Veto a paid case: it stays paid and is flagged for recovery.
        var (paid, paidBranch) = sample[1];
        await scenario.Expect(HttpStatusCode.OK, await silo.Send($"finance-{paidBranch}", paidBranch, HttpMethod.Post,
            $"/api/cases/{paid}/payment", new { method = "BankTransfer", reference = "BOC-1" }));
        await scenario.Expect(HttpStatusCode.NoContent, await Find(spotCheck, paid, "Vetoed", "冒名领取"));
        var paidCase = await scenario.Case(paid);
        Assert.Equal("Paid", paidCase.GetProperty("status").GetString());
        Assert.Equal("冒名领取", paidCase.GetProperty("recovery").GetProperty("reason").GetString());

        await scenario.Expect(HttpStatusCode.NoContent, await Find(spotCheck, sample[2].CaseId, "Confirmed", "入户核实无误"));
        var after = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/spot-checks/{spotCheck}");
        var steps = after.GetProperty("journal").EnumerateArray().Select(e => e.GetProperty("step").GetString()).ToList();
        Assert.Equal(["draw", "veto", "veto", "confirm"], steps);
        Assert.True(after.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("caseId").GetString() == paid).GetProperty("recoveryDue").GetBoolean());
    }

    [Fact]
    public async Task Bad_draws_and_findings_are_refused_naming_the_field_and_change_nothing()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""", quota: 10);
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(caseId, Nanshan, "approve"));
        var spotCheck = (await Draw(scenario, 5m, null)).GetProperty("id").GetString()!;

        using var zero = await silo.Send("auditor", Nanshan, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/spot-checks", new { percent = 0 });
        using var branch = await silo.Send("auditor", NanshanBranch, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/spot-checks", new { percent = 5 });
        using var otherUnit = await silo.Send("auditor", Shenzhen, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/spot-checks", new { percent = 5 });
        using var notSampled = await Find(spotCheck, Guid.NewGuid().ToString(), "Vetoed", "不在样本中");
        using var noNote = await Find(spotCheck, caseId, "Vetoed", "");
        using var outsider = await silo.Send("auditor", Shenzhen, HttpMethod.Post, $"/api/spot-checks/{spotCheck}/findings",
            new { caseId, verdict = "Vetoed", note = "越级" });

        await ExpectField(zero, HttpStatusCode.BadRequest, "percent");
        await ExpectField(branch, HttpStatusCode.BadRequest, "code");
        Assert.Equal(HttpStatusCode.Forbidden, otherUnit.StatusCode);
        await ExpectField(notSampled, HttpStatusCode.BadRequest, "caseId");
        await ExpectField(noNote, HttpStatusCode.BadRequest, "note");
        Assert.Equal(HttpStatusCode.Forbidden, outsider.StatusCode);
        Assert.Equal("Approved", (await scenario.Case(caseId)).GetProperty("status").GetString());
        var view = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/spot-checks/{spotCheck}");
        Assert.Equal(1, view.GetProperty("journal").GetArrayLength());
    }

    private async Task<JsonElement> Draw(CaseScenario scenario, decimal percent, long? seed)
    {
        using var response = await silo.Send($"auditor-{Nanshan}", Nanshan, HttpMethod.Post,
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/spot-checks", new { percent, seed });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private Task<HttpResponseMessage> Find(string spotCheck, string caseId, string verdict, string note) =>
        silo.Send($"auditor-{Nanshan}", Nanshan, HttpMethod.Post, $"/api/spot-checks/{spotCheck}/findings", new { caseId, verdict, note });

    private static List<(string CaseId, string SubUnit)> Lines(JsonElement spotCheck) => spotCheck.GetProperty("lines").EnumerateArray()
        .Select(l => (l.GetProperty("caseId").GetString()!, l.GetProperty("subUnit").GetString()!)).ToList();

    private async Task<decimal> Available(CaseScenario scenario, string branch) => decimal.Parse(
        (await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{branch}/account"))
            .GetProperty("totals").GetProperty("available").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ExpectField(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }
}
