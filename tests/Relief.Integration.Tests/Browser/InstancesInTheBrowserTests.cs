using System.Net;
using Relief.Integration.Tests.Api;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Api.CaseScenario;
using static Relief.Integration.Tests.Browser.BrowserPages;

namespace Relief.Integration.Tests.Browser;

/// <summary>
/// The running workflows in the pages (issue 15): Guangdong's ops engineer finds the province's cases at a node and
/// none of Jiangsu's, opens one and reads what it waits for and the trace id of each step; a case whose notice could
/// not be sent shows its incident, and ops retry it from the page. Screenshots under browser-screenshots/.
/// </summary>
public sealed class InstancesInTheBrowserTests
{
    [SkippableFact]
    public async Task Ops_find_their_provinces_running_cases_read_one_and_retry_its_incident_in_the_browser()
    {
        Chromium.SkipUnlessPresent();
        Directory.CreateDirectory(Screenshots);
        await using var host = await InProcessHost.Start();
        var scenario = await Publish(host, """{ "route": ["District", "City"], "notice": { "level": "City", "days": 5 } }""");
        var (playwright, browser) = await Chromium.Launch();
        using var _ = playwright;
        await using var __ = browser;
        var guangdong = new[] { await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber())), await scenario.FileOk(NanshanBranch, Applicant(NewIdNumber())) };
        var jiangsu = await scenario.FileOk(XuanwuBranch, Applicant(NewIdNumber()));

        // The city's notice board refuses its writes: the case approved there cannot be put on the list.
        await host.Sql("""
            CREATE TRIGGER refuse_notice_board BEFORE INSERT ON relief_own_state WHEN NEW.grain_id LIKE 'noticeboard/%'
            BEGIN SELECT RAISE(ABORT, 'notice store unavailable'); END;
            """);
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(guangdong[0], Nanshan, "approve"));
        await scenario.Expect(HttpStatusCode.OK, await scenario.Decide(guangdong[0], Shenzhen, "approve"));

        var ops = await SignIn(browser, host, "ops.guangdong");
        await ops.GotoAsync("/instances.html");
        await Expect(ops.Locator("h1")).ToHaveTextAsync("流程实例");
        await Expect(ops.Locator("#instances tbody tr")).ToHaveCountAsync(2);
        await Expect(ops.Locator($"#instances tr[data-case='{jiangsu}']")).ToHaveCountAsync(0);
        await ops.Locator("#filters [name=node]").SelectOptionAsync("district");
        await ops.Locator("#filters button[type=submit]").ClickAsync();
        await Expect(ops.Locator("#instances tbody tr")).ToHaveCountAsync(1);
        await Expect(ops.Locator($"#instances tr[data-case='{guangdong[1]}']")).ToContainTextAsync("南山");

        await ops.Locator($"#instances tr[data-case='{guangdong[1]}'] [data-open]").ClickAsync();
        await Expect(ops.Locator("#instance-waits tr[data-node=district]")).ToBeVisibleAsync();
        await Expect(ops.Locator("#instance-journal code.trace").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{32}$"));
        await Shoot(ops, "15-instances-of-a-province");

        // The case whose notice failed: found by its incident (once its sending has failed), retried from the page once the store is back.
        await Eventually.Get(async () => (await (await host.Send("admin", "CN", HttpMethod.Get,
            $"/api/programmes/{scenario.ProgrammeId}/instances?incident=true")).Content.ReadAsStringAsync()).Contains(guangdong[0], StringComparison.Ordinal),
            found => found, TimeSpan.FromSeconds(30));
        await ops.Locator("#filters [name=node]").SelectOptionAsync("");
        await ops.Locator("#filters [name=incident]").CheckAsync();
        await ops.Locator("#filters button[type=submit]").ClickAsync();
        await Expect(ops.Locator($"#instances tr[data-case='{guangdong[0]}']")).ToBeVisibleAsync();
        await Expect(ops.Locator("#instances tbody tr")).ToHaveCountAsync(1);
        await ops.Locator($"#instances tr[data-case='{guangdong[0]}'] [data-open]").ClickAsync();
        await Expect(ops.Locator("#instance-incidents li.incident")).ToContainTextAsync("notice");
        await Shoot(ops, "16-instance-with-an-incident");
        await host.Sql("DROP TRIGGER refuse_notice_board;");
        await ops.Locator("#retry").ClickAsync();
        await Expect(ops.Locator("#message.info")).ToBeVisibleAsync();
        await Expect(ops.Locator("#instance-incidents li.incident")).ToHaveCountAsync(0);
        await Expect(ops.Locator("#instances tbody tr")).ToHaveCountAsync(0);
    }
}
