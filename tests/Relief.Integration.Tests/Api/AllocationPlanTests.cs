using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// Allocation plans (issue 16): Guangdong's finance office splits money and recipient places among its two cities at
/// once; a second finance officer approves it (the one who submitted it may not); it is carried out once; each city's
/// receipt is a task in its inbox, overdue in the province's escalations past its deadline; a plan the province cannot
/// cover by source is refused whole.
/// </summary>
public sealed class AllocationPlanTests
{
    private const string Guangdong = "CN-44";
    private const string Guangzhou = "CN-44-01";
    private const string Preparer = "finance-CN-44";
    private const string Checker = "finance.wang-CN-44";

    [Fact]
    public async Task A_province_splits_money_and_places_among_its_cities_under_two_person_approval_and_every_statement_reconciles()
    {
        await using var host = await InProcessHost.Start();
        var world = await PlanWorld.Start(host);
        var plans = world.Plans(Guangdong);

        // A line for every city: a plan that leaves one out is refused, naming it.
        var partial = await world.Expect(HttpStatusCode.BadRequest, Preparer, HttpMethod.Post, plans, new
        {
            title = "2027年春节送温暖资金分配方案",
            lines = new[] { new { child = Shenzhen, amount = "300000.00", recipients = 600 } },
        });
        Assert.Contains(Guangzhou, partial.GetProperty("errors").GetProperty("lines")[0].GetString(), StringComparison.Ordinal);

        var prepared = await world.Expect(HttpStatusCode.Created, Preparer, HttpMethod.Post, plans, new
        {
            title = "2027年春节送温暖资金分配方案",
            lines = new object[]
            {
                new { child = Shenzhen, amount = "300000.00", sources = new { NationalAllocation = "250000.00", SocialDonation = "50000.00" }, recipients = 600 },
                new { child = Guangzhou, amount = "150000.00", recipients = 300 },
            },
        });
        var plan = $"{plans}/{prepared.GetProperty("id").GetString()}";
        Assert.Equal("InReview", prepared.GetProperty("status").GetString());
        Assert.Equal("深圳市总工会", prepared.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("child").GetString() == Shenzhen).GetProperty("name").GetString());
        var review = Assert.Single(await world.Inbox(Guangdong));
        Assert.Equal(("review", "复核分配方案"), (review.GetProperty("node").GetString(), review.GetProperty("title").GetString()));

        // Maker-checker: the preparer cannot approve; a second officer returns it with a reason.
        await world.Expect(HttpStatusCode.Forbidden, Preparer, HttpMethod.Post, $"{plan}/decisions", new { decision = "approve" });
        await world.Expect(HttpStatusCode.BadRequest, Checker, HttpMethod.Post, $"{plan}/decisions", new { decision = "return" });
        var returned = await world.Expect(HttpStatusCode.OK, Checker, HttpMethod.Post, $"{plan}/decisions", new { decision = "return", note = "广州市困难职工多，请增加" });
        Assert.Equal("Returned", returned.GetProperty("status").GetString());
        Assert.Equal("revise", Assert.Single(await world.Inbox(Guangdong)).GetProperty("node").GetString());
        await world.AssertNothingMoved();

        // Resubmitted with more for Guangzhou; whoever resubmits may not approve it either.
        var resubmitted = await world.Expect(HttpStatusCode.OK, Checker, HttpMethod.Post, $"{plan}/decisions", new
        {
            decision = "resubmit",
            revised = new
            {
                title = "2027年春节送温暖资金分配方案（调整）",
                lines = new object[]
                {
                    new { child = Shenzhen, amount = "300000.00", sources = new { NationalAllocation = "250000.00", SocialDonation = "50000.00" }, recipients = 600 },
                    new { child = Guangzhou, amount = "180000.00", recipients = 360 },
                },
            },
        });
        Assert.Equal("InReview", resubmitted.GetProperty("status").GetString());
        await world.Expect(HttpStatusCode.Forbidden, Checker, HttpMethod.Post, $"{plan}/decisions", new { decision = "approve" });
        var approved = await world.Expect(HttpStatusCode.OK, Preparer, HttpMethod.Post, $"{plan}/decisions", new { decision = "approve", note = "同意" });
        Assert.Equal("AwaitingReceipts", approved.GetProperty("status").GetString());

        // Carried out: each city's money in transit and its places given, each receipt a task in the city's own inbox.
        Assert.Equal(("300000.00", "180000.00"), (await world.InTransitFromParent(Shenzhen), await world.InTransitFromParent(Guangzhou)));
        Assert.Equal("50000.00", (await world.Account(Shenzhen)).GetProperty("inTransitFromParent").GetProperty("socialDonation").GetString());
        Assert.Equal((600, 360), (await world.QuotaOf(Shenzhen), await world.QuotaOf(Guangzhou)));
        Assert.Equal(960, (await world.Quota(Guangdong)).GetProperty("allocatedToChildren").GetInt32());
        Assert.Empty(await world.Inbox(Guangdong));
        foreach (var city in new[] { Shenzhen, Guangzhou })
        {
            var receipt = Assert.Single(await world.Inbox(city));
            Assert.Equal(("receipts", Guangdong), (receipt.GetProperty("node").GetString(), receipt.GetProperty("branchCode").GetString()));
            Assert.True(receipt.TryGetProperty("dueAt", out var due) && due.ValueKind == JsonValueKind.String, receipt.ToString());
        }

        // A city reads its own share of the plan, not its sibling's nor the review's notes.
        var share = await world.Expect(HttpStatusCode.OK, $"finance-{Shenzhen}", HttpMethod.Get,
            $"/api/programmes/{world.Programme}/orgunits/{Shenzhen}/plans/{prepared.GetProperty("id").GetString()}/share", null);
        Assert.Equal(Shenzhen, Assert.Single(share.GetProperty("lines").EnumerateArray()).GetProperty("child").GetString());
        Assert.DoesNotContain(share.GetProperty("journal").EnumerateArray(), j => j.GetProperty("kind").GetString() == "task");
        await world.Expect(HttpStatusCode.NotFound, $"finance-{Shenzhen}", HttpMethod.Get, plan, null);

        // Carried out once: deciding again finds nothing to decide, and the province's ledger holds one allocation per city.
        await world.Expect(HttpStatusCode.Conflict, Checker, HttpMethod.Post, $"{plan}/decisions", new { decision = "approve" });
        Assert.Equal(2, await world.AllocationsOut(Guangdong));

        // Past the receipts' deadline, both show in the province's escalations.
        Assert.Equal(0, (await world.Escalations(Guangdong)).GetProperty("total").GetInt32());
        host.Clock.Advance(TimeSpan.FromDays(12));
        var escalated = await world.Escalations(Guangdong);
        Assert.Equal([Guangzhou, Shenzhen], escalated.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("unitCode").GetString()).Order());

        // Shenzhen confirms from its task; Guangzhou from the finance page's receipts list: the plan hears of both.
        var halfway = await world.Expect(HttpStatusCode.OK, $"finance-{Shenzhen}", HttpMethod.Post, $"/api/programmes/{world.Programme}/orgunits/{Shenzhen}/plans/{prepared.GetProperty("id").GetString()}/receipt", null);
        Assert.Equal("AwaitingReceipts", halfway.GetProperty("status").GetString());
        var allocation = approved.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("child").GetString() == Guangzhou).GetProperty("allocationId").GetString();
        await world.Expect(HttpStatusCode.OK, $"finance-{Guangzhou}", HttpMethod.Post, $"/api/programmes/{world.Programme}/orgunits/{Guangzhou}/receipts/{allocation}", null);
        var done = await world.Expect(HttpStatusCode.OK, Preparer, HttpMethod.Get, plan, null);
        Assert.Equal("Allocated", done.GetProperty("status").GetString());
        Assert.All(done.GetProperty("lines").EnumerateArray(), l => Assert.True(l.GetProperty("received").GetBoolean()));
        Assert.Empty(await world.Inbox(Shenzhen));
        Assert.Empty(await world.Inbox(Guangzhou));
        Assert.Equal(0, (await world.Escalations(Guangdong)).GetProperty("total").GetInt32());
        var steps = done.GetProperty("journal").EnumerateArray().Select(j => $"{j.GetProperty("kind").GetString()}:{j.GetProperty("outcome").GetString()}").ToList();
        Assert.Equal(["prepare:", "task:return", "task:resubmit", "task:approve", "allocate:done", "receipts:", "receipts:received", "receipts:received", "receipts:done", "end:"], steps);

        Assert.Equal(("0.00", "300000.00"), (await world.InTransitFromParent(Shenzhen), (await world.Account(Shenzhen)).GetProperty("totals").GetProperty("available").GetString()));
        Assert.Equal("20000.00", (await world.Account(Guangdong)).GetProperty("totals").GetProperty("available").GetString()); // 500,000 − 480,000
        foreach (var unit in new[] { "CN", Guangdong, Shenzhen, Guangzhou })
        {
            var statement = await host.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{world.Programme}/orgunits/{unit}/statement");
            Assert.True(statement.GetProperty("reconciles").GetBoolean(), $"{unit}: {statement}");
        }
        var listed = await world.Expect(HttpStatusCode.OK, Checker, HttpMethod.Get, plans, null);
        Assert.Equal(("Allocated", "480000.00"), (listed.GetProperty("items")[0].GetProperty("status").GetString(), listed.GetProperty("items")[0].GetProperty("total").GetString()));
    }

    [Fact]
    public async Task A_plan_the_province_cannot_cover_by_source_is_refused_whole_and_changes_nothing()
    {
        await using var host = await InProcessHost.Start();
        var world = await PlanWorld.Start(host);
        var plans = world.Plans(Guangdong);
        // 450,000 of national money is there and 50,000 of donations: Guangzhou's 60,000 of donations is not.
        var prepared = await world.Expect(HttpStatusCode.Created, Preparer, HttpMethod.Post, plans, new
        {
            title = "超出捐赠资金的分配方案",
            lines = new object[]
            {
                new { child = Shenzhen, amount = "100000.00", recipients = 200 },
                new { child = Guangzhou, amount = "60000.00", sources = new { SocialDonation = "60000.00" }, recipients = 100 },
            },
        });
        var plan = $"{plans}/{prepared.GetProperty("id").GetString()}";
        var refused = await world.Expect(HttpStatusCode.Conflict, Checker, HttpMethod.Post, $"{plan}/decisions", new { decision = "approve" });
        Assert.Contains("nothing was allocated", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Nothing moved: no money in transit to either city, no place given, the plan still waits for review.
        await world.AssertNothingMoved();
        Assert.Equal(0, await world.AllocationsOut(Guangdong));
        var after = await world.Expect(HttpStatusCode.OK, Checker, HttpMethod.Get, plan, null);
        Assert.Equal("InReview", after.GetProperty("status").GetString());
        Assert.Contains(after.GetProperty("journal").EnumerateArray(), j => j.GetProperty("outcome").GetString() == "refused");
        Assert.Equal("review", Assert.Single(await world.Inbox(Guangdong)).GetProperty("node").GetString());

        // More places than the province holds are refused whole as well, before any money moves.
        var tooMany = await world.Expect(HttpStatusCode.Created, Preparer, HttpMethod.Post, plans, new
        {
            title = "名额超出的分配方案",
            lines = new object[] { new { child = Shenzhen, amount = "1000.00", recipients = 900 }, new { child = Guangzhou, amount = "1000.00", recipients = 900 } },
        });
        await world.Expect(HttpStatusCode.Conflict, Checker, HttpMethod.Post, $"{plans}/{tooMany.GetProperty("id").GetString()}/decisions", new { decision = "approve" });
        await world.AssertNothingMoved();
    }

    [Fact]
    public async Task A_plan_is_prepared_from_a_csv_file_or_proposed_from_last_seasons_recipients_or_members()
    {
        await using var host = await InProcessHost.Start();
        var world = await PlanWorld.Start(host);
        var plans = world.Plans(Guangdong);

        // A CSV with a bad row is refused whole, the row named as in the spreadsheet.
        var bad = await world.Csv(HttpStatusCode.BadRequest, "child,amount,recipients\nCN-44-03,100000.00,200\nCN-44-01,十万,100\n");
        Assert.True(bad.GetProperty("errors").TryGetProperty("row 3.amount", out _), bad.ToString());
        var fromCsv = await world.Csv(HttpStatusCode.Created, "\uFEFFchild,amount,recipients\nCN-44-03,100000.00,200\nCN-44-01,50000.50,100\n");
        Assert.Equal(("Csv", "150000.50", 300), (fromCsv.GetProperty("basis").GetString(), fromCsv.GetProperty("total").GetString(), fromCsv.GetProperty("recipients").GetInt32()));

        // Last season: Shenzhen paid 3 households, Guangzhou 1 — this season's 100,000.01 yuan and 10 places follow 3 : 1,
        // the fen and the place left over going to the largest remainder (a tie to the earlier code: Guangzhou).
        var lastSeason = await world.LastSeasonPaid(shenzhen: 3, guangzhou: 1);
        var proposal = await world.Expect(HttpStatusCode.OK, Preparer, HttpMethod.Get,
            $"{plans}/proposal?basis=lastSeasonRecipients&from={lastSeason}&amount=100000.01&recipients=10", null);
        var lines = proposal.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("child").GetString()!);
        Assert.Equal((1, "25000.00", 3), (lines[Guangzhou].GetProperty("weight").GetInt32(), lines[Guangzhou].GetProperty("amount").GetString(), lines[Guangzhou].GetProperty("recipients").GetInt32()));
        Assert.Equal((3, "75000.01", 7), (lines[Shenzhen].GetProperty("weight").GetInt32(), lines[Shenzhen].GetProperty("amount").GetString(), lines[Shenzhen].GetProperty("recipients").GetInt32()));
        await world.Expect(HttpStatusCode.BadRequest, Preparer, HttpMethod.Get, $"{plans}/proposal?basis=lastSeasonRecipients&from={world.Programme}&amount=1.00", null);

        // Or by members, as the hierarchy file gives them (the demo's: Shenzhen 6,226, Guangzhou 3,800 of 10,026).
        var byMembers = await world.Expect(HttpStatusCode.OK, Preparer, HttpMethod.Get, $"{plans}/proposal?basis=members&amount=100260.00&recipients=1003", null);
        var shares = byMembers.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("child").GetString()!);
        Assert.Equal((6226, "62260.00", 623), (shares[Shenzhen].GetProperty("weight").GetInt32(), shares[Shenzhen].GetProperty("amount").GetString(), shares[Shenzhen].GetProperty("recipients").GetInt32()));
        Assert.Equal((3800, "38000.00", 380), (shares[Guangzhou].GetProperty("weight").GetInt32(), shares[Guangzhou].GetProperty("amount").GetString(), shares[Guangzhou].GetProperty("recipients").GetInt32()));
    }

    /// <summary>A programme whose national unit funded Guangdong with 450,000 yuan of national money and 50,000 of donations, and gave it 1,000 places.</summary>
    private sealed class PlanWorld(InProcessHost host, string programme)
    {
        public string Programme => programme;

        public static async Task<PlanWorld> Start(InProcessHost host)
        {
            var scenario = await Publish(host, """{ "route": ["District"] }""", quota: 0, fund: false);
            var world = new PlanWorld(host, scenario.ProgrammeId);
            var p = scenario.ProgrammeId;
            await world.Expect(HttpStatusCode.Created, "finance-CN", HttpMethod.Post, $"/api/programmes/{p}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "450000.00" });
            await world.Expect(HttpStatusCode.Created, "finance-CN", HttpMethod.Post, $"/api/programmes/{p}/orgunits/CN/grants", new { source = "SocialDonation", amount = "50000.00", donor = "广东慈善总会" });
            var sent = await world.Expect(HttpStatusCode.Created, "finance-CN", HttpMethod.Post, $"/api/programmes/{p}/orgunits/CN/allocations", new { child = Guangdong, amount = "500000.00" });
            await world.Expect(HttpStatusCode.OK, $"finance-{Guangdong}", HttpMethod.Post, $"/api/programmes/{p}/orgunits/{Guangdong}/receipts/{sent.GetProperty("id").GetString()}", null);
            await scenario.HandDownQuota(Guangdong, 1_000);
            return world;
        }

        public string Plans(string unit) => $"/api/programmes/{programme}/orgunits/{unit}/plans";

        public async Task<JsonElement> Expect(HttpStatusCode status, string user, HttpMethod method, string path, object? body)
        {
            using var response = await host.Send(user, user[(user.IndexOf("-CN", StringComparison.Ordinal) + 1)..], method, path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{method} {path} as {user}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }

        public async Task<JsonElement> Csv(HttpStatusCode status, string csv)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{Plans(Guangdong)}/csv?title={Uri.EscapeDataString("表格导入的分配方案")}")
            {
                Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(Preparer, Guangdong, TestTokens.RolesOf(Preparer)));
            using var response = await host.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"CSV plan: expected {(int)status}, got {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        public async Task<List<JsonElement>> Inbox(string unit) =>
            [.. (await host.Http.GetFromJsonAsync<JsonElement>($"/api/orgunits/{unit}/queue?programme={programme}&waitingFor=allocation")).GetProperty("items").EnumerateArray()];

        public Task<JsonElement> Escalations(string unit) => host.Http.GetFromJsonAsync<JsonElement>($"/api/orgunits/{unit}/escalations?programme={programme}");

        public Task<JsonElement> Account(string unit) => host.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{programme}/orgunits/{unit}/account");

        public Task<JsonElement> Quota(string unit) => host.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{programme}/orgunits/{unit}/quota");

        public async Task<int> QuotaOf(string unit) => (await Quota(unit)).GetProperty("quota").GetInt32();

        public async Task<string> InTransitFromParent(string unit)
        {
            var inTransit = (await Account(unit)).GetProperty("inTransitFromParent");
            return inTransit.EnumerateObject().Where(s => s.Name != "total").Sum(s => decimal.Parse(s.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture))
                .ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        }

        public async Task<int> AllocationsOut(string unit) =>
            (await host.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{programme}/orgunits/{unit}/ledger?kind=AllocationOut")).GetProperty("total").GetInt32();

        /// <summary>Nothing reached either city: no money in transit or held, no place given, the province's 500,000 yuan all available.</summary>
        public async Task AssertNothingMoved()
        {
            foreach (var city in new[] { Shenzhen, Guangzhou })
            {
                Assert.Equal("0.00", await InTransitFromParent(city));
                Assert.Equal(0, await QuotaOf(city));
            }
            Assert.Equal("500000.00", (await Account(Guangdong)).GetProperty("totals").GetProperty("available").GetString());
            Assert.Equal(0, (await Quota(Guangdong)).GetProperty("allocatedToChildren").GetInt32());
        }

        /// <summary>An earlier programme in which branches below Shenzhen and Guangzhou paid the given numbers of households.</summary>
        public async Task<string> LastSeasonPaid(int shenzhen, int guangzhou)
        {
            var earlier = await Publish(host, """{ "route": ["District"] }""", quota: 50);
            var guangzhouBranch = "CN-44-01-06-0001";
            await earlier.HandDownQuota(Guangdong, 100);
            await earlier.HandDownQuota(guangzhouBranch, 50);
            await earlier.HandDownMoney(guangzhouBranch, 10_000m);
            foreach (var (branch, district, count) in new[] { (NanshanBranch, Nanshan, shenzhen), (guangzhouBranch, "CN-44-01-06", guangzhou) })
            {
                for (var i = 0; i < count; i++)
                {
                    var id = await earlier.FileOk(branch, Applicant(NewIdNumber()));
                    await earlier.Expect(HttpStatusCode.OK, await earlier.Decide(id, district, "approve"));
                    await Expect(HttpStatusCode.OK, $"finance-{branch}", HttpMethod.Post, $"/api/cases/{id}/payment", new { method = "Cash", reference = $"现金-{i}" });
                }
            }
            return earlier.ProgrammeId;
        }
    }
}
