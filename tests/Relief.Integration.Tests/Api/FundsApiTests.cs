using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>Money from grants down to households, traced by source and conserved at every account.</summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class FundsApiTests(EmbeddedSiloFixture silo)
{
    private const string Guangdong = "CN-44";

    private Task<HttpResponseMessage> As(string unit, HttpMethod method, string path, object? body = null) =>
        silo.Send($"finance-{unit}", unit, method, path, body);

    private async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private Task<JsonElement> Account(string programme, string unit) =>
        silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{programme}/orgunits/{unit}/account");

    [Fact]
    public async Task A_national_grant_and_a_provincial_subsidy_pay_cases_in_proportion_and_every_account_reconciles()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""", quota: 100, fund: false);
        var p = scenario.ProgrammeId;
        await Json(await As("CN", HttpMethod.Post, $"/api/programmes/{p}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "1000000.00" }), HttpStatusCode.Created);
        await scenario.HandDownMoney(Guangdong, 1_000_000m);
        await Json(await As(Guangdong, HttpMethod.Post, $"/api/programmes/{p}/orgunits/{Guangdong}/grants", new { source = "ProvincialSubsidy", amount = "250000.00" }), HttpStatusCode.Created);
        await scenario.HandDownMoney(NanshanBranch, 125_000m, from: Guangdong);

        var cases = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var id = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, Nanshan, "approve"));
            cases.Add(id);
        }
        foreach (var id in cases)
        {
            await Json(await As(NanshanBranch, HttpMethod.Post, $"/api/cases/{id}/payment", new { method = "BankTransfer", reference = $"BOC-{id[..8]}" }), HttpStatusCode.OK);
        }

        var branch = await Account(p, NanshanBranch);
        Assert.Equal("12000.00", branch.GetProperty("paid").GetProperty("nationalAllocation").GetString());
        Assert.Equal("3000.00", branch.GetProperty("paid").GetProperty("provincialSubsidy").GetString());
        Assert.Equal("110000.00", branch.GetProperty("totals").GetProperty("available").GetString());
        foreach (var unit in new[] { "CN", Guangdong, Shenzhen, Nanshan, NanshanBranch })
        {
            var account = await Account(p, unit);
            var t = account.GetProperty("totals");
            decimal Yuan(string name) => decimal.Parse(t.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Yuan("received"), Yuan("allocatedDown") + Yuan("reserved") + Yuan("paid") + Yuan("returned") + Yuan("available"));
        }
        var granted = 1_000_000m + 250_000m;
        var everywhere = 0m;
        foreach (var unit in new[] { "CN", Guangdong, Shenzhen, Nanshan, NanshanBranch })
        {
            var t = (await Account(p, unit)).GetProperty("totals");
            everywhere += decimal.Parse(t.GetProperty("available").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                          + decimal.Parse(t.GetProperty("reserved").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                          + decimal.Parse(t.GetProperty("paid").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.Equal(granted, everywhere);
        var ledger = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{p}/orgunits/{NanshanBranch}/ledger?kind=Disbursed");
        Assert.Equal(10, ledger.GetProperty("total").GetInt32());
        Assert.All(ledger.GetProperty("items").EnumerateArray(), e => Assert.Equal($"finance-{NanshanBranch}@{NanshanBranch}", e.GetProperty("actor").GetString()));

        foreach (var unit in new[] { "CN", Guangdong, Shenzhen, Nanshan, NanshanBranch })
        {
            var statement = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{p}/orgunits/{unit}/statement");
            Assert.True(statement.GetProperty("reconciles").GetBoolean(), $"{unit}: {statement}");
            Assert.Equal((await Account(p, unit)).GetProperty("available").ToString(), statement.GetProperty("closing").GetProperty("available").ToString());
        }

        // The trail of one paid case: 1,200 yuan from the national grant at CN, 300 from the subsidy at CN-44.
        var trace = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{cases[0]}/trace");
        var origins = trace.GetProperty("origins").EnumerateArray()
            .Select(o => (o.GetProperty("source").GetString(), o.GetProperty("unit").GetString(), o.GetProperty("amount").GetString())).ToList();
        Assert.Equal([("NationalAllocation", "CN", "1200.00"), ("ProvincialSubsidy", Guangdong, "300.00")], origins);
        var hops = trace.GetProperty("hops").EnumerateArray().ToList();
        Assert.Equal([NanshanBranch, Nanshan, Shenzhen, Guangdong, "CN"], hops.Select(h => h.GetProperty("unit").GetString()));
        Assert.Equal("300.00", hops[3].GetProperty("amounts").GetProperty("provincialSubsidy").GetString());
        Assert.Equal("0.00", hops[4].GetProperty("amounts").GetProperty("provincialSubsidy").GetString());
        Assert.Equal("1200.00", hops[4].GetProperty("amounts").GetProperty("nationalAllocation").GetString());
    }

    [Fact]
    public async Task The_roll_up_of_a_district_counts_money_by_source_recipients_by_category_and_goods_by_item()
    {
        // The city report in DOMAIN.md: 1,500 yuan each to 250 sanitation workers, 50 police auxiliaries and 100
        // bus drivers (front-line workers), here with 10 archived hardship workers who also get a bag of rice.
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""", allowAboveStandard: true, quota: 1000);
        var rows = Enumerable.Range(0, 400).Select(_ => $"张建明,{NewIdNumber()},3,900.00,front-line,一线职工慰问,1500.00")
            .Concat(Enumerable.Range(0, 10).Select(_ => $"李秀英,{NewIdNumber()},2,600.00,archived,在档困难职工,"));
        using var upload = EmbeddedSiloFixture.As($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/cases/batch");
        upload.Content = new StringContent("name,idNumber,householdSize,monthlyIncomePerHead,category,reason,amount\n" + string.Join("\n", rows), System.Text.Encoding.UTF8, "text/csv");
        var filed = await Json(await silo.Silo.Http.SendAsync(upload), HttpStatusCode.OK);
        var ids = filed.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("caseId").GetString()!).ToList();
        var decided = await Json(await silo.Send($"approver-{Nanshan}", Nanshan, HttpMethod.Post, "/api/cases/decisions",
            new { decision = "approve", cases = ids.Select(i => new { id = i }).ToArray() }), HttpStatusCode.OK);
        Assert.All(decided.GetProperty("results").EnumerateArray(), r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            await Json(await As(NanshanBranch, HttpMethod.Post, $"/api/cases/{id}/payment", new { method = "BankTransfer", reference = id[..8] }), HttpStatusCode.OK));

        var rollUp = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/rollup");
        using var csv = await silo.Silo.Http.GetAsync($"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/rollup?format=csv");
        var csvText = await csv.Content.ReadAsStringAsync();

        var recipients = rollUp.GetProperty("recipients").EnumerateArray()
            .ToDictionary(r => r.GetProperty("category").GetString()!, r => (r.GetProperty("recipients").GetInt32(), r.GetProperty("paid").GetString()));
        Assert.Equal((400, "600000.00"), recipients["front-line"]);
        Assert.Equal((10, "15000.00"), recipients["archived"]);
        Assert.Equal(410, rollUp.GetProperty("recipientsTotal").GetInt32());
        Assert.Equal("615000.00", rollUp.GetProperty("paidTotal").GetString());
        var rice = Assert.Single(rollUp.GetProperty("goods").EnumerateArray());
        Assert.Equal(("大米", 10, "800.00"), (rice.GetProperty("item").GetString(), rice.GetProperty("quantity").GetInt32(), rice.GetProperty("value").GetString()));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("recipients,front-line,,400,600000.00", csvText, StringComparison.Ordinal);
        Assert.Contains("goods,大米,袋,10,800.00", csvText, StringComparison.Ordinal);
        Assert.Contains("money,paid,total,,615000.00", csvText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hundred_concurrent_payments_of_one_case_pay_once()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""", quota: 10);
        var id = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, Nanshan, "approve"));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var response = await As(NanshanBranch, HttpMethod.Post, $"/api/cases/{id}/payment", new { method = "Cash", reference = $"R{i}" });
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var paid = await silo.Silo.Http.GetFromJsonAsync<JsonElement>(
            $"/api/programmes/{scenario.ProgrammeId}/orgunits/{NanshanBranch}/ledger?kind=Disbursed");
        Assert.Equal(1, paid.GetProperty("total").GetInt32());
        Assert.Equal("1500.00", (await Account(scenario.ProgrammeId, NanshanBranch)).GetProperty("totals").GetProperty("paid").GetString());
        Assert.Equal("Paid", (await scenario.Case(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Approval_is_refused_while_the_branch_lacks_money_and_the_case_keeps_waiting()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""", quota: 10, fund: false);
        var id = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));

        using var refused = await scenario.Decide(id, Nanshan, "approve");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("lacks the money", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Nanshan, (await scenario.Case(id)).GetProperty("waitingAt").GetString());
        Assert.Equal(0, (await scenario.Quota(Nanshan)).GetProperty("used").GetInt32());
    }

    [Theory]
    [InlineData("zero")]
    [InlineData("negative")]
    [InlineData("three-decimals")]
    [InlineData("more-than-available")]
    [InlineData("not-a-child")]
    [InlineData("unknown-source")]
    public async Task Bad_money_requests_get_a_problem_and_move_nothing(string fault)
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""", quota: 10, fund: false);
        var p = scenario.ProgrammeId;
        await Json(await As("CN", HttpMethod.Post, $"/api/programmes/{p}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "1000.00" }), HttpStatusCode.Created);
        var (path, body, status) = fault switch
        {
            "zero" => ("allocations", (object)new { child = Guangdong, amount = "0" }, HttpStatusCode.BadRequest),
            "negative" => ("grants", new { source = "OwnFunds", amount = "-5.00" }, HttpStatusCode.BadRequest),
            "three-decimals" => ("allocations", new { child = Guangdong, amount = "10.001" }, HttpStatusCode.BadRequest),
            "more-than-available" => ("allocations", new { child = Guangdong, amount = "1000.01" }, HttpStatusCode.Conflict),
            "not-a-child" => ("allocations", new { child = Shenzhen, amount = "10.00" }, HttpStatusCode.BadRequest),
            _ => ("grants", new { source = "Lottery", amount = "10.00" }, HttpStatusCode.BadRequest),
        };

        using var response = await As("CN", HttpMethod.Post, $"/api/programmes/{p}/orgunits/CN/{path}", body);
        var national = await Account(p, "CN");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1000.00", national.GetProperty("totals").GetProperty("available").GetString());
        Assert.Equal("0.00", national.GetProperty("totals").GetProperty("allocatedDown").GetString());
    }

    [Fact]
    public async Task A_reclaim_takes_back_only_what_the_child_has_not_passed_on_reserved_or_paid()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""", quota: 10, fund: false);
        var p = scenario.ProgrammeId;
        await Json(await As("CN", HttpMethod.Post, $"/api/programmes/{p}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "10000.00" }), HttpStatusCode.Created);
        await scenario.HandDownMoney(Shenzhen, 10_000m);
        await Json(await As(Guangdong, HttpMethod.Post, $"/api/programmes/{p}/orgunits/{Guangdong}/grants", new { source = "OwnFunds", amount = "500.00" }), HttpStatusCode.Created);

        using var tooMuch = await As("CN", HttpMethod.Post, $"/api/programmes/{p}/orgunits/CN/reclaims", new { child = Guangdong, amount = "1.00" });
        using var fromShenzhen = await As(Guangdong, HttpMethod.Post, $"/api/programmes/{p}/orgunits/{Guangdong}/reclaims", new { child = Shenzhen, amount = "4000.00" });
        var province = await Account(p, Guangdong);
        var city = await Account(p, Shenzhen);

        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode); // Guangdong passed all of CN's money on; its own funds never go up
        Assert.Equal(HttpStatusCode.OK, fromShenzhen.StatusCode);
        Assert.Equal("6000.00", province.GetProperty("totals").GetProperty("allocatedDown").GetString());
        Assert.Equal("4500.00", province.GetProperty("totals").GetProperty("available").GetString());
        Assert.Equal("4000.00", city.GetProperty("totals").GetProperty("returned").GetString());
        Assert.Equal("6000.00", city.GetProperty("totals").GetProperty("available").GetString());

        // At close the city returns what it did not spend, by source; an allocation may name its sources.
        await Json(await As(Shenzhen, HttpMethod.Post, $"/api/programmes/{p}/orgunits/{Shenzhen}/returns", new { amount = "6000.00" }), HttpStatusCode.OK);
        var named = await Json(await As(Guangdong, HttpMethod.Post, $"/api/programmes/{p}/orgunits/{Guangdong}/allocations",
            new { child = Shenzhen, amount = "300.00", sources = new { OwnFunds = "300.00" } }), HttpStatusCode.Created);
        var afterClose = await Account(p, Guangdong);
        Assert.Equal("300.00", named.GetProperty("amounts").GetProperty("ownFunds").GetString());
        Assert.Equal("0.00", named.GetProperty("amounts").GetProperty("nationalAllocation").GetString());
        Assert.Equal("300.00", afterClose.GetProperty("totals").GetProperty("allocatedDown").GetString());
        Assert.Equal("10200.00", afterClose.GetProperty("totals").GetProperty("available").GetString());
        var since = Uri.EscapeDataString(named.GetProperty("at").GetDateTimeOffset().ToString("O"));
        var recent = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{p}/orgunits/{Guangdong}/ledger?from={since}");
        Assert.Equal(["AllocationOut"], recent.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }
}
