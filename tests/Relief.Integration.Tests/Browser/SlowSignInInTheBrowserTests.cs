using Microsoft.Playwright;
using Relief.Integration.Tests.Infrastructure;
using static Relief.Integration.Tests.Browser.BrowserPages;

namespace Relief.Integration.Tests.Browser;

/// <summary>
/// Signing in on a slow connection: the page's strings take seconds to arrive, and the cadre presses the button at
/// once. The form is never sent by the browser itself, so the password never appears in an address.
/// </summary>
public sealed class SlowSignInInTheBrowserTests
{
    [SkippableFact]
    public async Task A_sign_in_pressed_before_the_page_is_ready_waits_for_it_and_never_puts_the_password_in_an_address()
    {
        Chromium.SkipUnlessPresent();
        await using var host = await InProcessHost.Start();
        var (playwright, browser) = await Chromium.Launch();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.Address.ToString() });
        var addresses = new List<string>();
        page.Request += (_, request) => addresses.Add(request.Url);
        // The strings of the page arrive three seconds late, as over a weak phone signal.
        await page.RouteAsync("**/i18n/**", async route =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await route.ContinueAsync();
        });

        await page.GotoAsync("/sign-in.html", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.FillAsync("[name=userName]", "clerk.nanshan-0001");
        await page.FillAsync("[name=password]", DemoPassword);
        await Expect(page.Locator("button[type=submit]")).ToBeDisabledAsync();
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));

        Assert.DoesNotContain(addresses, address => address.Contains(DemoPassword, StringComparison.Ordinal) || address.Contains("password=", StringComparison.Ordinal));
        Assert.DoesNotContain("sign-in", page.Url, StringComparison.Ordinal);
    }
}
