using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;
using static Relief.Integration.Tests.Browser.BrowserPages;

namespace Relief.Integration.Tests.Browser;

/// <summary>
/// One case through the pages, by the people who handle it: a branch clerk files it, the district and city
/// approvers approve it from their queues, the public reads the masked notice and objects, another district
/// approver dismisses the objection, the branch's finance pays it, and the trail shows its sources. Every page
/// visited is saved as a screenshot under the test output (browser-screenshots/).
/// </summary>
public sealed class CampaignInTheBrowserTests
{

    [SkippableFact]
    public async Task A_case_goes_from_the_clerk_through_two_queues_the_public_notice_and_an_objection_to_payment_and_its_trail()
    {
        Chromium.SkipUnlessPresent();
        Directory.CreateDirectory(Screenshots);
        await using var host = await InProcessHost.Start();
        var scenario = await CaseScenario.Publish(host, """
            { "route": ["District", "City"], "notice": { "level": "District", "days": 5 } }
            """);
        var (playwright, browser) = await Chromium.Launch();
        using var _ = playwright;
        await using var __ = browser;
        var person = NewIdNumber();

        // The clerk of the branch files the case; a wrong ID number is caught field by field first.
        var clerk = await SignIn(browser, host, "clerk.nanshan-0001");
        await clerk.GotoAsync("/file.html");
        await clerk.FillAsync("[name='applicant.name']", "张建明");
        await clerk.FillAsync("[name='applicant.idNumber']", person[..17] + (person[17] == '0' ? '1' : '0'));
        await clerk.FillAsync("[name='applicant.householdSize']", "3");
        await clerk.FillAsync("[name='applicant.monthlyIncomePerHead']", "900.00");
        await clerk.FillAsync("[name='applicant.reason']", "家庭成员重病，收入骤降");
        await clerk.ClickAsync("#submit-case");
        await Expect(clerk.Locator(".field-error[data-for='applicant.idNumber']")).Not.ToBeEmptyAsync();
        await Shoot(clerk, "01-clerk-file-with-error");
        await clerk.FillAsync("[name='applicant.idNumber']", person);
        await clerk.ClickAsync("#submit-case");
        await Expect(clerk.Locator("#message.info")).ToContainTextAsync("已提交");
        var caseId = Regex.Match(await clerk.Locator("#message").InnerTextAsync(), "[0-9a-f]{8}-[0-9a-f-]{27}").Value;
        await Shoot(clerk, "02-clerk-filed");

        // The district approver opens it from the queue and approves it on the case page.
        var district = await SignIn(browser, host, "approver.nanshan");
        await district.GotoAsync("/queue.html");
        await district.Locator($"tr[data-case='{caseId}'] a").ClickAsync();
        await Expect(district.Locator("ol.route .step.waiting")).ToContainTextAsync("CN-44-03-05");
        await Shoot(district, "03-district-case-page");
        await district.ClickAsync("[data-decision='approve']");
        await Expect(district.Locator("#message.info")).ToBeVisibleAsync();

        // The city approver approves it from the queue, selecting it for a bulk approval.
        var city = await SignIn(browser, host, "approver.shenzhen");
        await city.GotoAsync("/queue.html");
        await city.Locator($"tr[data-case='{caseId}'] .pick").CheckAsync();
        await Shoot(city, "04-city-queue");
        await city.ClickAsync("#approve-selected");
        await Expect(city.Locator("#bulk-result")).ToContainTextAsync("1");
        Assert.Equal("Approved", await Status(host, caseId));

        // The district publishes its notice list, counted on a holiday calendar not yet announced: the page says so.
        await Notices.CalendarAnnouncements.MakeProvisional(host, DateOnly.FromDateTime(host.Clock.GetUtcNow().AddHours(8).DateTime));
        await district.GotoAsync("/notices-admin.html");
        await district.ClickAsync("#publish");
        await Expect(district.Locator("#message.info")).ToBeVisibleAsync();
        await Expect(district.Locator(".list h3 .badge.provisional")).ToHaveTextAsync("暂定");
        await Shoot(district, "05-district-publishes-notice");

        // The public reads the masked line without signing in and objects.
        var publicPage = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.Address.ToString() });
        await publicPage.GotoAsync($"/notices.html?programme={scenario.ProgrammeId}&unit=CN-44-03-05");
        await publicPage.Locator("#lists [data-list]").First.ClickAsync();
        await Expect(publicPage.Locator("#lines")).ToContainTextAsync("张*明");
        var branchName = (await host.Http.GetFromJsonAsync<JsonElement>($"/api/orgunits/{NanshanBranch}")).GetProperty("name").GetString()!;
        await Expect(publicPage.Locator("#lines")).ToContainTextAsync(branchName);
        await Expect(publicPage.Locator("#list-title")).ToContainTextAsync("深圳市南山区总工会");
        await Expect(publicPage.Locator("#list-title .badge.provisional")).ToBeVisibleAsync();
        var publicText = await publicPage.ContentAsync();
        Assert.DoesNotContain(person, publicText, StringComparison.Ordinal);
        Assert.Contains($"{person[..6]}********{person[14..]}", publicText, StringComparison.Ordinal);
        await publicPage.FillAsync("#objection [name=reason]", "此人家中有两套住房");
        await publicPage.ClickAsync("#objection button[type=submit]");
        await Expect(publicPage.Locator("#message.info")).ToBeVisibleAsync();
        await Shoot(publicPage, "06-public-notice-board");
        Assert.Equal("Suspended", await Status(host, caseId));

        // The approver who approved it may not judge the objection; a colleague dismisses it.
        var colleague = await SignIn(browser, host, "approver2.nanshan");
        await colleague.GotoAsync("/notices-admin.html");
        await colleague.FillAsync(".resolution-reason", "经入户核实，住房系租住");
        await colleague.ClickAsync("[data-resolve='false']");
        await Expect(colleague.Locator("#message.info")).ToBeVisibleAsync();
        await Shoot(colleague, "07-objection-dismissed");
        Assert.Equal("Noticed", await Status(host, caseId));

        // The State Council announces the holidays: the national admin replaces the year, one counted day becomes a
        // holiday, and the district's page shows the window recounted, no longer provisional.
        var listId = (await host.Http.GetFromJsonAsync<JsonElement>($"/api/programmes/{scenario.ProgrammeId}/orgunits/CN-44-03-05/notices")).GetProperty("lists").GetProperty("items")[0].GetString();
        var window = (await host.Http.GetFromJsonAsync<JsonElement>($"/api/public/notices/{listId}")).GetProperty("window");
        var (first, last) = (Notices.CalendarAnnouncements.Day(window.GetProperty("firstDay")), Notices.CalendarAnnouncements.Day(window.GetProperty("lastDay")));
        foreach (var year in Enumerable.Range(first.Year, last.Year - first.Year + 1))
        {
            var announced = await Notices.CalendarAnnouncements.Year(host, year);
            var dayOff = year == last.Year ? [Notices.CalendarAnnouncements.CountedWeekday(first, last, announced)] : Array.Empty<DateOnly>();
            using var replaced = await Notices.CalendarAnnouncements.Replace(host, year, Notices.CalendarAnnouncements.Replacement(announced, provisional: false, dayOff));
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        }
        await colleague.ReloadAsync();
        await Expect(colleague.Locator(".list .recount")).ToContainTextAsync("节假日安排（第 ");
        await Expect(colleague.Locator(".list h3 .badge.provisional")).ToHaveCountAsync(0);
        await Shoot(colleague, "07b-window-recounted");

        // The window ends (the domain clock moves past it); the list closes by its reminder and the case is payable.
        host.Clock.Advance(TimeSpan.FromDays(12));
        Assert.Equal("Payable", await Eventually.Get(() => Status(host, caseId), s => s == "Payable", TimeSpan.FromSeconds(60)));

        // The branch's finance pays it and lands on its trail, which names the national allocation as its source.
        var finance = await SignIn(browser, host, "finance.nanshan-0001");
        await finance.GotoAsync("/finance.html");
        var row = finance.Locator($"#payments tr[data-case='{caseId}']");
        await row.Locator(".reference").FillAsync("BOC-2027-0001");
        await Shoot(finance, "08-finance-payments");
        await row.Locator(".pay").ClickAsync();
        await finance.WaitForURLAsync(new Regex("trail.html"));
        await Expect(finance.Locator("#origins")).ToContainTextAsync("全总下拨");
        await Expect(finance.Locator("#hops")).ToContainTextAsync("CN-44-03-05-0001");
        await Shoot(finance, "09-trail");
        Assert.Equal("Paid", await Status(host, caseId));

        // The auditor's roll-up counts the recipient; the page switches to English.
        var auditor = await SignIn(browser, host, "auditor.nanshan");
        await auditor.GotoAsync("/audit.html");
        await Expect(auditor.Locator("#recipients")).ToContainTextAsync("在档困难职工");
        await auditor.ClickAsync("#language-switch");
        await Expect(auditor.Locator("h1")).ToHaveTextAsync("Audit");
        await Shoot(auditor, "10-audit-english");
    }

    private static async Task<string> Status(InProcessHost host, string caseId) =>
        (await host.Http.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}")).GetProperty("status").GetString()!;
}
