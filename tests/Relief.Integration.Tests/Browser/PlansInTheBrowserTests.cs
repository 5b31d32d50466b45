using System.Net;
using System.Text.Json;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;
using static Relief.Integration.Tests.Browser.BrowserPages;

namespace Relief.Integration.Tests.Browser;

/// <summary>
/// Allocation plans in the pages (issue 16): Guangdong's finance officer types a plan for its two cities (a missing
/// amount shown beside its field), cannot approve it herself, a second officer approves it from her inbox, and
/// Shenzhen's finance confirms its share from its own. Screenshots under browser-screenshots/.
/// </summary>
public sealed class PlansInTheBrowserTests
{
    private const string Guangdong = "CN-44";

    [SkippableFact]
    public async Task A_province_plan_is_typed_approved_by_a_second_officer_and_confirmed_by_a_city()
    {
        Chromium.SkipUnlessPresent();
        Directory.CreateDirectory(Screenshots);
        await using var host = await InProcessHost.Start();
        var scenario = await Publish(host, """{ "route": ["District"] }""", quota: 0, fund: false);
        var p = scenario.ProgrammeId;
        await Ok(host.Send("finance-CN", "CN", HttpMethod.Post, $"/api/programmes/{p}/orgunits/CN/grants", new { source = "NationalAllocation", amount = "500000.00" }));
        await scenario.HandDownMoney(Guangdong, 500_000m);
        await scenario.HandDownQuota(Guangdong, 1_000);
        var (playwright, browser) = await Chromium.Launch();
        using var _ = playwright;
        await using var __ = browser;

        var preparer = await SignIn(browser, host, "finance.guangdong");
        await preparer.GotoAsync("/plans.html");
        var shenzhen = preparer.Locator($"#prepare-lines tr[data-child='{Shenzhen}']");
        var guangzhou = preparer.Locator("#prepare-lines tr[data-child='CN-44-01']");
        await Expect(shenzhen).ToContainTextAsync("深圳市总工会");
        await Expect(guangzhou).ToContainTextAsync("广州市总工会");
        await preparer.FillAsync("#prepare [name=title]", "2027年春节送温暖资金分配方案");
        await shenzhen.Locator("input[name^=amount]").FillAsync("300000");
        await shenzhen.Locator("input[name^=recipients]").FillAsync("600");
        await guangzhou.Locator("input[name^=recipients]").FillAsync("360");
        await Expect(preparer.Locator("#prepare-places")).ToHaveTextAsync("960");
        // Guangzhou's amount left empty: refused, the reason beside that field.
        await preparer.ClickAsync("#submit-plan");
        await Expect(guangzhou.Locator(".field-error").First).ToContainTextAsync("missing");
        await guangzhou.Locator("input[name^=amount]").FillAsync("180000");
        await Expect(preparer.Locator("#prepare-total")).ToHaveTextAsync("¥480000.00");
        await preparer.ClickAsync("#submit-plan");
        await Expect(preparer.Locator("#plan-status")).ToHaveTextAsync("待复核");
        await Expect(preparer.Locator("#plan-lines")).ToContainTextAsync("广州市总工会");
        await Shoot(preparer, "16-plan-prepared");

        // The one who submitted it may not approve it.
        await preparer.ClickAsync("#review [data-decision=approve]");
        await Expect(preparer.Locator("#message")).ToContainTextAsync("another finance officer");
        await Expect(preparer.Locator("#plan-status")).ToHaveTextAsync("待复核");

        var checker = await SignIn(browser, host, "finance2.guangdong");
        await checker.GotoAsync("/plans.html");
        var task = checker.Locator("#tasks tbody tr").Filter(new() { HasText = "复核分配方案" });
        await Expect(task).ToContainTextAsync("2027年春节送温暖资金分配方案");
        await task.Locator("a").ClickAsync();
        await checker.FillAsync("#review [name=note]", "同意");
        await checker.ClickAsync("#review [data-decision=approve]");
        await Expect(checker.Locator("#plan-status")).ToHaveTextAsync("已下拨，待确认收款");
        await Expect(checker.Locator($"#plan-lines tr[data-child='{Shenzhen}']")).ToContainTextAsync("在途，待确认");
        await Expect(checker.Locator("#plan-journal")).ToContainTextAsync("资金与名额下拨");
        await Shoot(checker, "16-plan-approved");

        var city = await SignIn(browser, host, "finance.shenzhen", phone: true);
        await city.GotoAsync("/plans.html");
        var receipt = city.Locator("#tasks tbody tr").Filter(new() { HasText = "确认收到下拨资金" });
        await Expect(receipt).ToContainTextAsync("¥300000.00");
        await receipt.Locator("a").ClickAsync();
        await city.ClickAsync("#confirm-receipt");
        await Expect(city.Locator($"#plan-lines tr[data-child='{Shenzhen}']")).ToContainTextAsync("已确认收款");
        await Expect(city.Locator("#receipt")).ToBeHiddenAsync();
        await Shoot(city, "16-plan-receipt-on-a-phone");

        await checker.GotoAsync("/plans.html");
        await Expect(checker.Locator("#plans tbody tr").First).ToContainTextAsync("1/2 个单位已确认");
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
