using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;
using static Relief.Integration.Tests.Browser.BrowserPages;

namespace Relief.Integration.Tests.Browser;

/// <summary>
/// The shipped hardship grant in the pages, by its people: the branch cadre fills in the home-visit report on a
/// phone (a wrong answer shown at its field first), the five members of the branch committee vote from their own
/// sessions (two against, three for), the district approves, and after the notice and the payment the cadre records
/// the goods handed over and signed for by the household. Screenshots under browser-screenshots/.
/// </summary>
public sealed class HardshipGrantInTheBrowserTests
{

    [SkippableFact]
    public async Task A_hardship_grant_is_visited_on_a_phone_voted_by_the_committee_and_its_goods_signed_for_in_the_browser()
    {
        Chromium.SkipUnlessPresent();
        Directory.CreateDirectory(Screenshots);
        await using var host = await InProcessHost.Start();
        var scenario = await CaseScenario.Publish(host, await host.Http.GetStringAsync("/api/programmes/workflow-examples/hardship-grant"));
        var (playwright, browser) = await Chromium.Launch();
        using var _ = playwright;
        await using var __ = browser;
        var caseId = await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber()));

        // The visit report, on a phone in the worker's home: a negative income is refused at its field, then it is sent.
        var cadre = await SignIn(browser, host, "clerk.nanshan-0001", phone: true);
        await cadre.GotoAsync($"/case.html?id={caseId}");
        var visit = cadre.Locator("li.task.mine form");
        await Expect(visit.Locator("h3")).ToContainTextAsync("入户走访");
        await visit.Locator("[name=visitedOn]").FillAsync("2027-01-05");
        await visit.Locator("[name=visitors]").FillAsync("李梅、王强");
        await visit.Locator("[name=findings]").FillAsync("丈夫卧病在床，两个孩子上学");
        await visit.Locator("[name=householdIncome]").FillAsync("-5");
        await visit.Locator("[name=needs]").FillAsync("子女助学\n就医帮扶");
        await visit.Locator("[name=confirmed]").SelectOptionAsync("true");
        await visit.Locator("[data-outcome=done]").ClickAsync();
        await Expect(visit.Locator(".field-error[data-for='answers.householdIncome']")).Not.ToBeEmptyAsync();
        await Shoot(cadre, "11-visit-report-refused-on-a-phone");
        Assert.Equal(1, (await Case(host, caseId)).GetProperty("tasks").GetArrayLength());
        await visit.Locator("[name=householdIncome]").FillAsync("900.00");
        await visit.Locator("[data-outcome=done]").ClickAsync();
        await Expect(cadre.Locator("#message.info")).ToBeVisibleAsync();
        await Expect(cadre.Locator("#journal")).ToContainTextAsync("李梅、王强");
        await Shoot(cadre, "12-visit-report-sent");

        // The committee: each member votes from their own session; two against and two for leave it open.
        foreach (var (member, outcome) in new[] { (1, "reject"), (2, "approve"), (3, "reject"), (4, "approve") })
        {
            var page = await SignIn(browser, host, $"committee{member}.nanshan-0001");
            await page.GotoAsync($"/case.html?id={caseId}");
            await Expect(page.Locator("li.task.mine .votes")).ToContainTextAsync($"已有 {member - 1}/5");
            if (outcome == "reject")
            {
                await page.Locator("li.task.mine [name=comment]").FillAsync("家庭收入需再核实");
            }
            await page.Locator($"li.task.mine [data-outcome={outcome}]").ClickAsync();
            await Expect(page.Locator("#message.info")).ToBeVisibleAsync();
            await page.CloseAsync();
        }
        Assert.Equal("Waiting", (await Case(host, caseId)).GetProperty("status").GetString());
        var last = await SignIn(browser, host, "committee5.nanshan-0001");
        await last.GotoAsync($"/case.html?id={caseId}");
        await Expect(last.Locator("li.task.mine .votes")).ToContainTextAsync("已有 4/5");
        await Shoot(last, "13-committee-vote");
        await last.Locator("li.task.mine [data-outcome=approve]").ClickAsync();
        await Expect(last.Locator("#message.info")).ToBeVisibleAsync();
        await Expect(last.Locator("#journal")).ToContainTextAsync("approve@Branch");

        // The district approves on the case page; the notice runs its course and the branch pays (as in the campaign test).
        var district = await SignIn(browser, host, "approver.nanshan");
        await district.GotoAsync($"/case.html?id={caseId}");
        await district.ClickAsync("[data-decision='approve']");
        await Expect(district.Locator("#message.info")).ToBeVisibleAsync();
        using (var published = await host.Send("approver.nanshan", Nanshan, HttpMethod.Post, $"/api/programmes/{scenario.ProgrammeId}/orgunits/{Nanshan}/notices/publish"))
        {
            Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        }
        host.Clock.Advance(TimeSpan.FromDays(14));
        Assert.Equal("Payable", (await Eventually.Get(() => Case(host, caseId), c => c.GetProperty("status").GetString() == "Payable", TimeSpan.FromSeconds(60)))
            .GetProperty("status").GetString());
        using (var paid = await host.Send("finance.nanshan-0001", NanshanBranch, HttpMethod.Post, $"/api/cases/{caseId}/payment", new { method = "BankTransfer", reference = "BOC-2027-0002" }))
        {
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        }

        // The goods handed over: the household signs, the cadre records who signed, when, and what was handed over.
        await cadre.GotoAsync($"/case.html?id={caseId}");
        var handover = cadre.Locator("li.task.mine form");
        await Expect(handover.Locator("h3")).ToContainTextAsync("慰问品交接签收");
        await handover.Locator("[name=signedBy]").FillAsync("张建明");
        await handover.Locator("[name=signedOn]").FillAsync("2027-01-20");
        await handover.Locator("[name=items]").FillAsync("大米 1袋\n食用油 1桶");
        await Shoot(cadre, "14-hand-over-on-a-phone");
        await handover.Locator("[data-outcome=done]").ClickAsync();
        await Expect(cadre.Locator("#message.info")).ToBeVisibleAsync();
        await Expect(cadre.Locator("#tasks")).ToContainTextAsync("当前没有待办事项");
        await Expect(cadre.Locator("#journal")).ToContainTextAsync("张建明");
        var view = await Case(host, caseId);
        Assert.Equal("Paid", view.GetProperty("status").GetString());
        Assert.Empty(view.GetProperty("tasks").EnumerateArray());
    }

    private static async Task<JsonElement> Case(InProcessHost host, string caseId) =>
        await host.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}");
}
