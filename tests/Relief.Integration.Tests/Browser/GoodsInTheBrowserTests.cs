using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;
using static Relief.Integration.Tests.Browser.BrowserPages;

namespace Relief.Integration.Tests.Browser;

/// <summary>
/// Goods and the year-end account in the pages (issue 16): a household's trail shows the rice it was given and where
/// it was bought; the district's finance opens its public account of the fund, in Chinese, balanced, with the goods
/// by item and a CSV to download. Screenshots under browser-screenshots/.
/// </summary>
public sealed class GoodsInTheBrowserTests
{
    [SkippableFact]
    public async Task The_trail_shows_a_households_goods_and_the_district_reads_and_prints_its_public_account()
    {
        Chromium.SkipUnlessPresent();
        Directory.CreateDirectory(Screenshots);
        await using var host = await InProcessHost.Start();
        var scenario = await Publish(host, """{ "route": ["District"] }""", fund: false, changeTerms: RiceForArchivedWorkers);
        var p = scenario.ProgrammeId;
        await Ok(host.Send("finance-CN", "CN", HttpMethod.Post, $"/api/programmes/{p}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "10000.00" }));
        await scenario.HandDownMoney(Nanshan, 5_000m);
        await scenario.HandDownMoney(NanshanBranch, 1_000m, from: Nanshan);
        await Ok(host.Send($"finance-{Nanshan}", Nanshan, HttpMethod.Post, $"/api/programmes/{p}/orgunits/{Nanshan}/goods/purchases", new { item = "大米", quantity = 10, cost = "795.00" }));
        var sent = await Ok(host.Send($"finance-{Nanshan}", Nanshan, HttpMethod.Post, $"/api/programmes/{p}/orgunits/{Nanshan}/goods/allocations",
            new { child = NanshanBranch, item = "大米", quantity = 4 }));
        await Ok(host.Send($"finance-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/programmes/{p}/orgunits/{NanshanBranch}/receipts/{sent.GetProperty("id").GetString()}"));
        var cases = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var id = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));
            await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(id, Nanshan, "approve"));
            await Ok(host.Send($"finance-{NanshanBranch}", NanshanBranch, HttpMethod.Post, $"/api/cases/{id}/payment", new { method = "Cash", reference = $"现金-{i}" }));
            cases.Add(id);
        }
        var (playwright, browser) = await Chromium.Launch();
        using var _ = playwright;
        await using var __ = browser;

        var branch = await SignIn(browser, host, "finance.nanshan-0001");
        await branch.GotoAsync($"/trail.html?case={cases[0]}");
        var rice = branch.Locator("#goods tr[data-item='大米']");
        await Expect(rice).ToContainTextAsync("1 袋");
        await Expect(rice).ToContainTextAsync("全总下拨");
        await Expect(rice).ToContainTextAsync(Nanshan);
        await Shoot(branch, "16-trail-with-goods");

        var district = await SignIn(browser, host, "finance.nanshan");
        await district.GotoAsync($"/disclosure.html?unit={Nanshan}");
        await Expect(district.Locator("#disclosure-title")).ToContainTextAsync("资金收支公开");
        await Expect(district.Locator("#disclosure-unit")).ToContainTextAsync("南山");
        await Expect(district.Locator("#paid tbody tr[data-category=archived]")).ToContainTextAsync("在档困难职工");
        await Expect(district.Locator("#paid tbody tr td.num").First).ToHaveTextAsync("2");
        // 10 bags bought for 795 yuan, 2 given to households (159.00), 8 left (636.00).
        var riceLine = district.Locator("#goods tr[data-item='大米']");
        await Expect(riceLine).ToContainTextAsync("10 · ¥795.00");
        await Expect(riceLine).ToContainTextAsync("2 · ¥159.00");
        await Expect(riceLine).ToContainTextAsync("8 · ¥636.00");
        await Expect(district.Locator("#balances")).ToHaveTextAsync("收支相符：收入 = 支出 + 采购物资 + 上缴 + 结余。");
        await Expect(district.Locator("[data-total='disclosure.leftMoney']")).ToHaveTextAsync("¥3205.00");
        var csv = await district.Locator("#csv").GetAttributeAsync("href");
        var file = await host.Send($"finance-{Nanshan}", Nanshan, HttpMethod.Get, csv!);
        Assert.Contains("goods_issued,大米(袋),total,2,159.00", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Printed, the page drops its navigation and buttons.
        await district.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        await Expect(district.Locator("#print")).ToBeHiddenAsync();
        await Expect(district.Locator("header#header")).ToBeHiddenAsync();
        await Shoot(district, "16-public-account");
    }

    [SkippableFact]
    public async Task The_district_buys_and_passes_rice_down_on_the_finance_page_and_the_branch_confirms_it()
    {
        Chromium.SkipUnlessPresent();
        Directory.CreateDirectory(Screenshots);
        await using var host = await InProcessHost.Start();
        var scenario = await Publish(host, """{ "route": ["District"] }""", fund: false, changeTerms: RiceForArchivedWorkers);
        await Ok(host.Send("finance-CN", "CN", HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "10000.00" }));
        await scenario.HandDownMoney(Nanshan, 5_000m);
        var (playwright, browser) = await Chromium.Launch();
        using var _ = playwright;
        await using var __ = browser;

        var district = await SignIn(browser, host, "finance.nanshan");
        await district.GotoAsync("/finance.html");
        await Expect(district.Locator("#stock-section")).ToBeVisibleAsync();
        // A quantity of 0 is refused beside its field, and nothing is bought.
        await district.FillAsync("#goods-buy [name=quantity]", "0");
        await district.FillAsync("#goods-buy [name=cost]", "795.00");
        await district.ClickAsync("#goods-buy button[type=submit]");
        await Expect(district.Locator("#goods-buy .field-error[data-for=quantity]")).Not.ToBeEmptyAsync();
        await Expect(district.Locator("#stock tbody tr[data-item]")).ToHaveCountAsync(0);
        await district.FillAsync("#goods-buy [name=quantity]", "10");
        await district.FillAsync("#goods-buy [name=supplier]", "粮油公司");
        await district.ClickAsync("#goods-buy button[type=submit]");
        await Expect(district.Locator("#stock tr[data-item='大米'] [data-part=onHand]")).ToHaveTextAsync("10 · ¥795.00");
        // The money spent on it is out of what the district has available.
        await Expect(district.Locator("#account tr[data-row=spentOnGoods] td.num").Last).ToHaveTextAsync("795.00");
        await Expect(district.Locator("#account tr[data-row=available] td.num").Last).ToHaveTextAsync("4205.00");
        await district.Locator("#goods-pass [name=child]").SelectOptionAsync(NanshanBranch);
        await district.FillAsync("#goods-pass [name=quantity]", "4");
        await district.ClickAsync("#goods-pass button[type=submit]");
        await Expect(district.Locator("#stock tr[data-item='大米'] [data-part=passedDown]")).ToHaveTextAsync("4 · ¥318.00");
        await Expect(district.Locator("#stock tr[data-item='大米'] [data-part=onHand]")).ToHaveTextAsync("6 · ¥477.00");
        await Shoot(district, "16-stock-at-the-district");

        var branch = await SignIn(browser, host, "finance.nanshan-0001");
        await branch.GotoAsync("/finance.html");
        await Expect(branch.Locator("#stock tr[data-item='大米'] [data-part=inTransit]")).ToHaveTextAsync("4 · ¥318.00");
        await branch.Locator("#receipts [data-receipt]").First.ClickAsync();
        await branch.ReloadAsync();
        await Expect(branch.Locator("#stock tr[data-item='大米'] [data-part=onHand]")).ToHaveTextAsync("4 · ¥318.00");
        await Expect(branch.Locator("#stock tr[data-item='大米'] [data-part=inTransit]")).ToHaveTextAsync("—");
        await Shoot(branch, "16-stock-received-at-the-branch");
    }

    private static void RiceForArchivedWorkers(JsonNode terms)
    {
        terms["items"] = new JsonArray(new JsonObject { ["name"] = "大米", ["unit"] = "袋", ["unitValue"] = "80.00" });
        var archived = terms["categories"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "archived")!;
        archived["standard"] = "500.00";
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
