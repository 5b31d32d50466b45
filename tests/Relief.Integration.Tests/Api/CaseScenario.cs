using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using Relief.Workflows.Applicants;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// A published programme on the demo hierarchy with quotas handed down to a branch, and the calls a clerk and
/// the approvers above make. Each test builds its own scenario, so tests never share cases.
/// </summary>
public sealed class CaseScenario(IReliefHttp silo, string programmeId)
{
    public const string Shenzhen = "CN-44-03";
    public const string Nanshan = "CN-44-03-05";
    public const string NanshanBranch = "CN-44-03-05-0001";
    public const string Nanjing = "CN-32-01";
    public const string XuanwuBranch = "CN-32-01-02-0001";

    private static int _people = Random.Shared.Next(0, 500_000);

    public string ProgrammeId { get; } = programmeId;

    public static async Task<CaseScenario> Publish(IReliefHttp silo, string route, bool allowAboveStandard = false, int quota = 10_000, bool fund = true, int filingDays = 30,
        Action<System.Text.Json.Nodes.JsonNode>? changeTerms = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var terms = JsonSerializer.SerializeToNode(ProgrammeSamples.Terms($"送温暖 {Guid.NewGuid():N}"))!;
        changeTerms?.Invoke(terms);
        terms["opens"] = today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        terms["lastFilingDay"] = today.AddDays(filingDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        terms["lastPaymentDay"] = today.AddDays(filingDays + 30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        terms["allowAboveStandard"] = allowAboveStandard;
        using var created = await silo.Send("admin", "CN", HttpMethod.Post, "/api/programmes", terms);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var scenario = new CaseScenario(silo, id);
        await scenario.Expect(HttpStatusCode.OK, await silo.Send("admin", "CN", HttpMethod.Put, $"/api/programmes/{id}/workflow", route));
        await scenario.Expect(HttpStatusCode.NoContent, await silo.Send("admin", "CN", HttpMethod.Post, $"/api/programmes/{id}/publish"));
        if (fund)
        {
            await scenario.Expect(HttpStatusCode.Created, await silo.Send("finance-CN", "CN", HttpMethod.Post,
                $"/api/programmes/{id}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "100000000.00" }));
        }
        foreach (var branch in new[] { NanshanBranch, XuanwuBranch })
        {
            await scenario.HandDownQuota(branch, quota);
            if (fund)
            {
                await scenario.HandDownMoney(branch, 20_000_000m);
            }
        }
        return scenario;
    }

    /// <summary>Allocates money from the national unit down to <paramref name="unit"/>, each receipt confirmed.</summary>
    public async Task HandDownMoney(string unit, decimal yuan, string from = "CN")
    {
        foreach (var code in Chain(unit).SkipWhile(c => c != from).Skip(1))
        {
            var parent = code[..code.LastIndexOf('-')];
            using var sent = await silo.Send($"finance-{parent}", parent, HttpMethod.Post,
                $"/api/programmes/{ProgrammeId}/orgunits/{parent}/allocations", new { child = code, amount = yuan });
            var text = await sent.Content.ReadAsStringAsync();
            Assert.True(sent.StatusCode == HttpStatusCode.Created, $"allocation to {code}: {text}");
            var allocation = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString();
            await Expect(HttpStatusCode.OK, await silo.Send($"finance-{code}", code, HttpMethod.Post,
                $"/api/programmes/{ProgrammeId}/orgunits/{code}/receipts/{allocation}"));
        }
    }

    private static List<string> Chain(string unit)
    {
        var chain = new List<string>();
        for (var code = unit; ; code = code[..code.LastIndexOf('-')])
        {
            chain.Insert(0, code);
            if (!code.Contains('-', StringComparison.Ordinal))
            {
                return chain;
            }
        }
    }

    /// <summary>Gives every unit from the national one down to <paramref name="unit"/> the quota, each set by its parent.</summary>
    public async Task HandDownQuota(string unit, int recipients)
    {
        foreach (var code in Chain(unit))
        {
            var setter = code.Contains('-', StringComparison.Ordinal) ? code[..code.LastIndexOf('-')] : "CN";
            // The national unit serves both demo provinces, so it holds enough for two chains.
            var wanted = code == "CN" ? recipients * 2 : recipients;
            var current = await silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{ProgrammeId}/orgunits/{code}/quota");
            if (current.GetProperty("quota").GetInt32() < wanted)
            {
                await Expect(HttpStatusCode.NoContent, await silo.Send($"finance-{setter}", setter, HttpMethod.Put,
                    $"/api/programmes/{ProgrammeId}/orgunits/{code}/quota", new { recipients = wanted }));
            }
        }
    }

    /// <summary>A new, valid resident ID number (a different person each call).</summary>
    public static string NewIdNumber()
    {
        var n = Interlocked.Increment(ref _people);
        var birth = new DateOnly(1960, 1, 1).AddDays(n / 1000 % 15_000);
        var first17 = $"440305{birth:yyyyMMdd}{n % 1000:D3}";
        return first17 + ResidentIdNumber.CheckCharacter(first17);
    }

    public static object Applicant(string idNumber, string category = "archived", string income = "900.00", string? amount = null) => new
    {
        applicant = new
        {
            name = "张建明",
            idNumber,
            householdSize = 3,
            monthlyIncomePerHead = income,
            category,
            reason = "家庭成员重病，收入骤降",
        },
        amount,
    };

    public Task<HttpResponseMessage> File(string branch, object body, string? idempotencyKey = null)
    {
        var request = EmbeddedSiloFixture.As($"clerk-{branch}", branch, HttpMethod.Post, $"/api/programmes/{ProgrammeId}/cases", body);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return silo.Http.SendAsync(request);
    }

    public async Task<string> FileOk(string branch, object body)
    {
        using var response = await File(branch, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"filing: expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Files <paramref name="count"/> cases of different people at once from a CSV, as a branch clerk uploads a list.</summary>
    public async Task FileMany(string branch, int count)
    {
        var csv = "name,idNumber,householdSize,monthlyIncomePerHead,category,reason\n"
            + string.Concat(Enumerable.Range(0, count).Select(_ => $"张建明,{NewIdNumber()},3,900.00,archived,家庭困难\n"));
        using var request = EmbeddedSiloFixture.As($"clerk-{branch}", branch, HttpMethod.Post, $"/api/programmes/{ProgrammeId}/cases/batch");
        request.Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        using var response = await silo.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(text).RootElement.GetProperty("filed").GetInt32() == count, text);
    }

    public Task<HttpResponseMessage> Decide(string caseId, string unit, string decision, string? comment = null, int? version = null) =>
        silo.Send($"approver-{unit}", unit, HttpMethod.Post, $"/api/cases/{caseId}/decisions", new { decision, comment, version });

    public Task<JsonElement> Case(string caseId) => silo.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");

    public Task<JsonElement> Queue(string unit, string query = "") =>
        silo.Http.GetFromJsonAsync<JsonElement>($"/api/orgunits/{unit}/queue?programme={ProgrammeId}{query}");

    public Task<JsonElement> Quota(string unit) =>
        silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{ProgrammeId}/orgunits/{unit}/quota");

    public async Task Expect(HttpStatusCode status, HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.StatusCode == status,
                $"expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
