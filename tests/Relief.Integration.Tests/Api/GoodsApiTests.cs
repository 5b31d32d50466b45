using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;

namespace Relief.Integration.Tests.Api;

/// <summary>
/// Goods in kind from stock to household (篇4: 35 households each get 100 yuan, a bag of rice, 2 jin of sweets, a quilt
/// and a coat): bought with national money and partly donated at the district, passed down to the branch, set aside
/// at approval, issued at payment; every stock and every account reconciles to the fen, and the roll-up and the trail
/// show the goods by item, value and source.
/// </summary>
[Collection(SharedEmbeddedSilo.Name)]
public sealed class GoodsApiTests(EmbeddedSiloFixture silo)
{
    private const int Households = 35;

    private static readonly (string Name, string Unit, int PerHousehold)[] Parcel = [("大米", "袋", 1), ("糖果", "斤", 2), ("棉被", "床", 1), ("棉衣", "件", 1)];

    [Fact]
    public async Task Thirty_five_households_get_cash_and_four_goods_from_stock_bought_and_donated_and_everything_reconciles()
    {
        var scenario = await CaseScenario.Publish(silo, """{ "route": ["District"] }""", fund: false, changeTerms: StockedParcel);
        var p = scenario.ProgrammeId;
        await Expect(HttpStatusCode.Created, Post("CN", $"/api/programmes/{p}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "50000.00" }));
        await scenario.HandDownMoney(Nanshan, 30_000m);
        await scenario.HandDownMoney(NanshanBranch, 3_500m, from: Nanshan);

        // The district buys rice and sweets with the national money, and a company gives quilts and coats worth 20,000 yuan.
        var goods = $"/api/programmes/{p}/orgunits/{Nanshan}/goods";
        await Expect(HttpStatusCode.Created, Post(Nanshan, $"{goods}/purchases", new { item = "大米", quantity = 40, cost = "3180.00", supplier = "粮油公司" }));
        await Expect(HttpStatusCode.Created, Post(Nanshan, $"{goods}/purchases", new { item = "糖果", quantity = 70, cost = "1050.00" }));
        await Expect(HttpStatusCode.Created, Post(Nanshan, $"{goods}/donations", new { item = "棉被", quantity = 40, value = "9500.00", donor = "南山建设集团" }));
        await Expect(HttpStatusCode.Created, Post(Nanshan, $"{goods}/donations", new { item = "棉衣", quantity = 35, value = "10500.00", donor = "南山建设集团" }));
        // More than is on hand is refused whole; an item the programme does not stock is a field error.
        await Expect(HttpStatusCode.Conflict, Post(Nanshan, $"{goods}/allocations", new { child = NanshanBranch, item = "棉衣", quantity = 36 }));
        var unknown = await Expect(HttpStatusCode.BadRequest, Post(Nanshan, $"{goods}/purchases", new { item = "月饼", quantity = 5, cost = "50.00" }));
        Assert.True(unknown.GetProperty("errors").TryGetProperty("item", out _), unknown.ToString());

        // Passed down to the branch, in transit until the branch confirms each receipt.
        foreach (var (name, _, each) in Parcel)
        {
            var sent = await Expect(HttpStatusCode.Created, Post(Nanshan, $"{goods}/allocations", new { child = NanshanBranch, item = name, quantity = Households * each }));
            var inTransit = Item(await Stock(p, NanshanBranch), name);
            Assert.Equal(Households * each, inTransit.GetProperty("inTransit").GetProperty("quantity").GetInt32());
            await Expect(HttpStatusCode.OK, Post(NanshanBranch, $"/api/programmes/{p}/orgunits/{NanshanBranch}/receipts/{sent.GetProperty("id").GetString()}", null));
        }

        var cases = new List<string>();
        for (var i = 0; i < Households; i++)
        {
            var id = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, Nanshan, "approve"));
            cases.Add(id);
        }
        // A 36th household: the branch has the money for nobody more, nor the goods; the approval is refused, nothing set aside.
        var extra = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        using (var refused = await scenario.Decide(extra, Nanshan, "approve"))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }
        var approved = await Stock(p, NanshanBranch);
        Assert.All(Parcel, item => Assert.Equal(Households * item.PerHousehold, Item(approved, item.Name).GetProperty("setAside").GetProperty("quantity").GetInt32()));
        // Before the payments: what has not reached households, level by level, with the days left to pay.
        var unreached = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{p}/orgunits/{Nanshan}/unreached");
        var levels = unreached.GetProperty("levels").EnumerateArray().ToDictionary(l => l.GetProperty("level").GetString()!);
        Assert.Equal("22270.00", levels["District"].GetProperty("held").GetProperty("nationalAllocation").GetString());
        Assert.Equal(("3500.00", "0.00"), (levels["Branch"].GetProperty("reservedUnpaid").GetProperty("nationalAllocation").GetString(),
            levels["Branch"].GetProperty("held").GetProperty("nationalAllocation").GetString()));
        Assert.Equal("25770.00", unreached.GetProperty("total").GetString());
        var heldRice = levels["District"].GetProperty("goods").EnumerateArray().Single(g => g.GetProperty("item").GetString() == "大米");
        Assert.Equal((5, "397.50"), (heldRice.GetProperty("onHand").GetProperty("quantity").GetInt32(), heldRice.GetProperty("onHand").GetProperty("value").GetString()));
        var setAsideCoats = levels["Branch"].GetProperty("goods").EnumerateArray().Single(g => g.GetProperty("item").GetString() == "棉衣");
        Assert.Equal(Households, setAsideCoats.GetProperty("setAside").GetProperty("quantity").GetInt32());
        var lastPaymentDay = DateOnly.Parse(unreached.GetProperty("lastPaymentDay").GetString()!, CultureInfo.InvariantCulture);
        var beijingToday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.Equal(lastPaymentDay.DayNumber - beijingToday.DayNumber, unreached.GetProperty("daysLeft").GetInt32());

        foreach (var id in cases)
        {
            await Expect(HttpStatusCode.OK, Post(NanshanBranch, $"/api/cases/{id}/payment", new { method = "Cash", reference = $"现金-{id[..8]}" }));
        }

        // Every stock reconciles by quantity and value: received = passed down + issued + set aside + on hand.
        foreach (var unit in new[] { Nanshan, NanshanBranch })
        {
            foreach (var line in (await Stock(p, unit)).EnumerateArray())
            {
                Assert.True(line.GetProperty("reconciles").GetBoolean(), $"{unit}: {line}");
                long Q(string part) => line.GetProperty(part).GetProperty("quantity").GetInt64();
                decimal V(string part) => Yuan(line.GetProperty(part).GetProperty("value"));
                Assert.Equal(Q("received"), Q("passedDown") + Q("issued") + Q("setAside") + Q("onHand"));
                Assert.Equal(V("received"), V("passedDown") + V("issued") + V("setAside") + V("onHand"));
            }
        }
        var branchStock = await Stock(p, NanshanBranch);
        Assert.All(Parcel, item =>
        {
            var line = Item(branchStock, item.Name);
            Assert.Equal((Households * item.PerHousehold, 0L), (line.GetProperty("issued").GetProperty("quantity").GetInt64(), line.GetProperty("onHand").GetProperty("quantity").GetInt64()));
            Assert.Equal(Yuan(line.GetProperty("received").GetProperty("value")), Yuan(line.GetProperty("issued").GetProperty("value")));
        });
        // 35 of the district's 40 bags of rice at 3,180 yuan went down at their average value, to the fen.
        var districtRice = Item(await Stock(p, Nanshan), "大米");
        Assert.Equal(("2782.50", "397.50"), (districtRice.GetProperty("passedDown").GetProperty("value").GetString(), districtRice.GetProperty("onHand").GetProperty("value").GetString()));

        // Money: every account reconciles; what the district spent on goods is out of its available money.
        foreach (var unit in new[] { "CN", "CN-44", Shenzhen, Nanshan, NanshanBranch })
        {
            var statement = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{p}/orgunits/{unit}/statement");
            Assert.True(statement.GetProperty("reconciles").GetBoolean(), $"{unit}: {statement}");
        }
        var district = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{p}/orgunits/{Nanshan}/account");
        Assert.Equal("4230.00", district.GetProperty("totals").GetProperty("spentOnGoods").GetString());
        Assert.Equal("22270.00", district.GetProperty("totals").GetProperty("available").GetString()); // 30,000 − 3,500 − 4,230

        // The roll-up: 35 recipients, 3,500 yuan, and each item issued by value and source.
        var rollUp = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{p}/orgunits/{Nanshan}/rollup");
        Assert.Equal((Households, "3500.00"), (rollUp.GetProperty("recipientsTotal").GetInt32(), rollUp.GetProperty("paidTotal").GetString()));
        var issued = rollUp.GetProperty("goods").EnumerateArray().ToDictionary(g => g.GetProperty("item").GetString()!);
        Assert.Equal((35, "2782.50", "2782.50"), (issued["大米"].GetProperty("quantity").GetInt32(), issued["大米"].GetProperty("value").GetString(),
            issued["大米"].GetProperty("bySource").GetProperty("nationalAllocation").GetString()));
        Assert.Equal((70, "1050.00"), (issued["糖果"].GetProperty("quantity").GetInt32(), issued["糖果"].GetProperty("value").GetString()));
        Assert.Equal(("8312.50", "8312.50"), (issued["棉被"].GetProperty("value").GetString(), issued["棉被"].GetProperty("bySource").GetProperty("socialDonation").GetString()));
        Assert.Equal("10500.00", issued["棉衣"].GetProperty("bySource").GetProperty("socialDonation").GetString());

        // The district's year-end public account: 30,000 yuan came from above, 3,500 went to 35 households, 4,230 into
        // goods, 22,270 is left; the donated coats all went to households.
        var disclosure = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{p}/orgunits/{Nanshan}/disclosure");
        Assert.True(disclosure.GetProperty("balances").GetBoolean(), disclosure.ToString());
        Assert.Equal(("30000.00", "3500.00", "4230.00", "22270.00"), (disclosure.GetProperty("fromAbove").GetProperty("nationalAllocation").GetString(),
            disclosure.GetProperty("paidTotal").GetProperty("nationalAllocation").GetString(), disclosure.GetProperty("spentOnGoods").GetProperty("nationalAllocation").GetString(),
            disclosure.GetProperty("left").GetProperty("nationalAllocation").GetString()));
        var archived = Assert.Single(disclosure.GetProperty("paid").EnumerateArray());
        Assert.Equal(("archived", Households), (archived.GetProperty("category").GetString(), archived.GetProperty("recipients").GetInt32()));
        var disclosedGoods = disclosure.GetProperty("goods").EnumerateArray().ToDictionary(g => g.GetProperty("item").GetString()!);
        Assert.Equal(("3180.00", "2782.50", "397.50"), (disclosedGoods["大米"].GetProperty("bought").GetProperty("value").GetString(),
            disclosedGoods["大米"].GetProperty("issued").GetProperty("value").GetString(), disclosedGoods["大米"].GetProperty("left").GetProperty("value").GetString()));
        Assert.Equal((35, 35, 0), (disclosedGoods["棉衣"].GetProperty("donated").GetProperty("quantity").GetInt32(),
            disclosedGoods["棉衣"].GetProperty("issued").GetProperty("quantity").GetInt32(), disclosedGoods["棉衣"].GetProperty("left").GetProperty("quantity").GetInt32()));
        var disclosureCsv = await silo.Silo.Http.GetStringAsync($"/api/programmes/{p}/orgunits/{Nanshan}/disclosure?format=csv");
        Assert.Contains("paid,archived,total,35,3500.00", disclosureCsv, StringComparison.Ordinal);
        Assert.Contains("goods_issued,大米(袋),total,35,2782.50", disclosureCsv, StringComparison.Ordinal);

        // One household's trail: its coat was given to the district; its rice bought there with national money.
        var trace = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{cases[0]}/trace");
        var trail = trace.GetProperty("goods").EnumerateArray().ToDictionary(g => g.GetProperty("item").GetString()!);
        Assert.Equal(4, trail.Count);
        var coat = Assert.Single(trail["棉衣"].GetProperty("value").GetProperty("origins").EnumerateArray());
        Assert.Equal(("SocialDonation", Nanshan, "300.00"), (coat.GetProperty("source").GetString(), coat.GetProperty("unit").GetString(), coat.GetProperty("amount").GetString()));
        var rice = Assert.Single(trail["大米"].GetProperty("value").GetProperty("origins").EnumerateArray());
        Assert.Equal(("NationalAllocation", Nanshan), (rice.GetProperty("source").GetString(), rice.GetProperty("unit").GetString()));
    }

    [Fact]
    public async Task A_hand_over_task_issues_the_goods_the_payment_left_set_aside_once_signed_for()
    {
        var scenario = await CaseScenario.Publish(silo, HandOverAfterPayment, fund: false, changeTerms: StockedParcel);
        var p = scenario.ProgrammeId;
        await Expect(HttpStatusCode.Created, Post("CN", $"/api/programmes/{p}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "1000.00" }));
        await scenario.HandDownMoney(NanshanBranch, 100m);
        var goods = $"/api/programmes/{p}/orgunits/{NanshanBranch}/goods";
        foreach (var (name, _, each) in Parcel)
        {
            await Expect(HttpStatusCode.Created, Post(NanshanBranch, $"{goods}/donations", new { item = name, quantity = each, value = "50.00", donor = "爱心企业" }));
        }
        var id = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, Nanshan, "approve"));
        await Expect(HttpStatusCode.OK, Post(NanshanBranch, $"/api/cases/{id}/payment", new { method = "Cash", reference = "现金-0001" }));

        // Paid, the goods wait for the hand-over: still set aside, nothing issued.
        var paid = await Stock(p, NanshanBranch);
        Assert.All(Parcel, item => Assert.Equal((item.PerHousehold, 0L),
            (Item(paid, item.Name).GetProperty("setAside").GetProperty("quantity").GetInt64(), Item(paid, item.Name).GetProperty("issued").GetProperty("quantity").GetInt64())));
        var task = Assert.Single((await scenario.Case(id)).GetProperty("tasks").EnumerateArray(), t => t.GetProperty("node").GetString() == "handover");
        var complete = $"/api/tasks/{task.GetProperty("taskId").GetString()}/complete";
        object Signed() => new { outcome = "done", answers = new { signedBy = "张建明", signedOn = "2027-01-20" } };
        await Expect(HttpStatusCode.OK, silo.Send($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Post, complete, Signed()));
        await Expect(HttpStatusCode.OK, silo.Send($"clerk-{NanshanBranch}", NanshanBranch, HttpMethod.Post, complete, Signed()));

        var issued = await Eventually.Get(() => Stock(p, NanshanBranch),
            stock => Parcel.All(item => Item(stock, item.Name).GetProperty("issued").GetProperty("quantity").GetInt64() == item.PerHousehold), TimeSpan.FromSeconds(20));
        Assert.All(Parcel, item => Assert.Equal(0, Item(issued, item.Name).GetProperty("setAside").GetProperty("quantity").GetInt64()));
        var entries = await silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{p}/orgunits/{NanshanBranch}/ledger?kind=GoodsIssued");
        Assert.Equal(Parcel.Length, entries.GetProperty("total").GetInt32()); // completing the hand-over again issued nothing more
        Assert.All(entries.GetProperty("items").EnumerateArray(), e => Assert.Equal($"clerk-{NanshanBranch}@{NanshanBranch}", e.GetProperty("actor").GetString()));
    }

    private const string HandOverAfterPayment = """
        { "name": "审批、发放、物资签收", "start": "district",
          "nodes": {
            "district": { "kind": "approve", "title": "区县审批", "at": "District", "next": { "approve": "reserve", "return": "rejected", "reject": "rejected" } },
            "reserve": { "kind": "reserve", "next": { "done": "pay" } },
            "pay": { "kind": "pay", "title": "发放慰问金", "next": { "done": "handover" } },
            "handover": { "kind": "task", "title": "慰问品交接签收", "at": "Branch", "roles": ["clerk"], "handsOverGoods": true,
              "form": { "fields": [
                { "name": "signedBy", "label": "签收人", "type": "text", "required": true, "maxLength": 50 },
                { "name": "signedOn", "label": "签收日期", "type": "date", "required": true } ] },
              "next": { "done": "paid" } },
            "paid": { "kind": "end", "result": "paid" },
            "rejected": { "kind": "end", "result": "rejected" } } }
        """;

    private static void StockedParcel(JsonNode terms)
    {
        terms["items"] = new JsonArray(
            new JsonObject { ["name"] = "大米", ["unit"] = "袋", ["unitValue"] = "80.00" },
            new JsonObject { ["name"] = "糖果", ["unit"] = "斤", ["unitValue"] = "15.00" },
            new JsonObject { ["name"] = "棉被", ["unit"] = "床", ["unitValue"] = "237.50" },
            new JsonObject { ["name"] = "棉衣", ["unit"] = "件", ["unitValue"] = "300.00" });
        var archived = terms["categories"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "archived")!;
        archived["standard"] = "100.00";
        archived["goods"] = new JsonArray([.. Parcel.Select(g => (JsonNode)new JsonObject
        {
            ["name"] = g.Name, ["quantity"] = g.PerHousehold, ["unit"] = g.Unit, ["unitValue"] = "0.00",
        })]);
    }

    private Task<HttpResponseMessage> Post(string unit, string path, object? body) => silo.Send($"finance-{unit}", unit, HttpMethod.Post, path, body);

    private static async Task<JsonElement> Expect(HttpStatusCode expected, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<JsonElement> Stock(string programme, string unit) =>
        silo.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{programme}/orgunits/{unit}/stock");

    private static JsonElement Item(JsonElement stock, string name) =>
        stock.EnumerateArray().Single(line => line.GetProperty("item").GetString() == name);

    private static decimal Yuan(JsonElement value) => decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
