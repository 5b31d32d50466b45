using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>Filing: every check before anything is stored, one case per person, safe retries, batches.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class CaseFilingTests(EmbeddedSiloFixture silo)
{
    private const string DistrictOnly = """{ "route": ["District"] }""";

    private static async Task<int> Waiting(CaseScenario scenario, string unit) =>
        (await scenario.Queue(unit)).GetProperty("total").GetInt32();

    [Fact]
    public async Task The_same_person_filed_at_once_from_two_provinces_gets_one_case_and_one_conflict()
    {
        var scenario = await CaseScenario.Publish(silo, DistrictOnly);
        var person = NewIdNumber();

        var responses = await Task.WhenAll(
            scenario.File(NanshanBranch, Applicant(person)),
            scenario.File(XuanwuBranch, Applicant(person)));

        var created = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var conflict = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var winner = await created.Content.ReadFromJsonAsync<JsonElement>();
        var problem = await conflict.Content.ReadAsStringAsync();
        // The other province's clerk learns that the person is registered elsewhere, not which case or branch.
        Assert.Contains("another unit", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(winner.GetProperty("id").GetString()!, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(winner.GetProperty("branchCode").GetString()!, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(person, problem, StringComparison.Ordinal);
        Assert.Equal(1, await Waiting(scenario, Nanshan) + await Waiting(scenario, "CN-32-01-02"));
    }

    [Theory]
    [InlineData("id-check-digit")]
    [InlineData("id-birth-date")]
    [InlineData("negative-amount")]
    [InlineData("three-decimals")]
    [InlineData("unknown-category")]
    [InlineData("income-above-line")]
    [InlineData("amount-above-standard")]
    [InlineData("malformed-json")]
    public async Task Bad_input_gets_400_naming_the_field_and_leaves_no_trace(string fault)
    {
        var scenario = await CaseScenario.Publish(silo, DistrictOnly);
        var person = NewIdNumber();
        var (body, field) = fault switch
        {
            "id-check-digit" => (Applicant(person[..17] + (person[17] == '0' ? '1' : '0')), "applicant.idNumber"),
            "id-birth-date" => (Applicant("440305" + "19801332" + "001" + "X"), "applicant.idNumber"),
            "negative-amount" => (Applicant(person, amount: "-100.00"), "amount"),
            "three-decimals" => (Applicant(person, amount: "100.005"), "amount"),
            "unknown-category" => (Applicant(person, category: "students"), "applicant.category"),
            // Shenzhen's line is 1,365.00 yuan: 1,400.00 a head is not below it.
            "income-above-line" => (Applicant(person, category: "low-income", income: "1400.00"), "applicant.monthlyIncomePerHead"),
            "amount-above-standard" => (Applicant(person, amount: "1500.01"), "amount"),
            _ => ((object)"{ \"applicant\": { \"name\": ", null),
        };

        using var response = await scenario.File(NanshanBranch, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        }
        Assert.Equal(0, await Waiting(scenario, Nanshan));
        // The person was not claimed either: filed correctly now, they get their case.
        await scenario.FileOk(NanshanBranch, Applicant(person));
        Assert.Equal(1, await Waiting(scenario, Nanshan));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_case_and_files_nothing_new()
    {
        var scenario = await CaseScenario.Publish(silo, DistrictOnly);
        var body = Applicant(NewIdNumber());
        var key = Guid.NewGuid().ToString();

        using var first = await scenario.File(NanshanBranch, body, key);
        using var retry = await scenario.File(NanshanBranch, body, key);
        using var otherBody = await scenario.File(NanshanBranch, Applicant(NewIdNumber()), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Equal(1, await Waiting(scenario, Nanshan));
    }

    [Fact]
    public async Task A_thousand_concurrent_approvals_against_a_quota_of_600_approve_exactly_600()
    {
        var scenario = await CaseScenario.Publish(silo, DistrictOnly, quota: 600);
        Assert.Equal(600, (await scenario.Quota(Nanshan)).GetProperty("quota").GetInt32());
        // The district's four branches file 250 cases each, as a district's queue fills in a peak week.
        var branches = Enumerable.Range(1, 4).Select(i => $"{Nanshan}-{i:D4}").ToList();
        var ids = new List<string>();
        foreach (var branch in branches)
        {
            await scenario.HandDownMoney(branch, 1_000_000m);
            var batch = await FileBatch(scenario, branch, Enumerable.Range(0, 250).Select(_ => Row(NewIdNumber())));
            Assert.Equal(250, batch.GetProperty("filed").GetInt32());
            ids.AddRange(batch.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("caseId").GetString()!));
        }

        var decisions = await Task.WhenAll(ids.Select(async id =>
        {
            using var response = await scenario.Decide(id, Nanshan, "approve");
            return response.StatusCode;
        }));

        Assert.Equal(600, decisions.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(400, decisions.Count(s => s == HttpStatusCode.Conflict));
        var quota = await scenario.Quota(Nanshan);
        Assert.Equal((600, 0), (quota.GetProperty("used").GetInt32(), quota.GetProperty("left").GetInt32()));
        Assert.Equal(400, await Waiting(scenario, Nanshan));
    }

    [Fact]
    public async Task A_csv_of_5000_applicants_with_50_bad_rows_files_4950_and_reports_the_50_by_row()
    {
        var scenario = await CaseScenario.Publish(silo, DistrictOnly);
        var bad = new HashSet<int>(Enumerable.Range(0, 50).Select(i => 7 + i * 100));
        var rows = Enumerable.Range(0, 5000).Select(i => bad.Contains(i)
            ? (i % 3) switch
            {
                0 => Row("110105194912310021"),          // wrong check digit
                1 => Row(NewIdNumber(), amount: "-5"),  // negative amount
                _ => Row(NewIdNumber(), category: "students"),
            }
            : Row(NewIdNumber()));

        var result = await FileBatch(scenario, NanshanBranch, rows);

        Assert.Equal(4950, result.GetProperty("filed").GetInt32());
        Assert.Equal(50, result.GetProperty("refused").GetInt32());
        var refusedRows = result.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("caseId").ValueKind == JsonValueKind.Null)
            .Select(r => (Row: r.GetProperty("row").GetInt32(), Errors: r.GetProperty("errors").ToString()))
            .ToList();
        // Row numbers count the header as row 1, as a spreadsheet does.
        Assert.Equal(bad.Select(i => i + 2).Order(), refusedRows.Select(r => r.Row).Order());
        Assert.All(refusedRows, r => Assert.Matches("applicant.idNumber|amount|applicant.category", r.Errors));
        Assert.Equal(4950, await Waiting(scenario, Nanshan));
    }

    private static string Row(string idNumber, string category = "archived", string amount = "") =>
        $"张建明,{idNumber},3,900.00,{category},家庭困难,{amount}";

    private async Task<JsonElement> FileBatch(CaseScenario scenario, string branch, IEnumerable<string> rows)
    {
        var csv = "name,idNumber,householdSize,monthlyIncomePerHead,category,reason,amount\n" + string.Join("\n", rows) + "\n";
        using var request = EmbeddedSiloFixture.As($"clerk-{branch}", branch, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/cases/batch");
        request.Content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await silo.Silo.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
