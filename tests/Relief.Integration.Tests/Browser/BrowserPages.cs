using Microsoft.Playwright;
using Relief.Integration.Tests.Infrastructure;

namespace Relief.Integration.Tests.Browser;

/// <summary>What every browser test does: sign a demo user in on a page of its own, and keep a screenshot of a page.</summary>
public static class BrowserPages
{
    public const string DemoPassword = "Relief-Demo-2027";

    public static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "browser-screenshots");

    /// <summary>A page signed in as <paramref name="user"/>; on a phone's screen (390 × 844, touch) when <paramref name="phone"/>.</summary>
    public static async Task<IPage> SignIn(IBrowser browser, InProcessHost host, string user, bool phone = false)
    {
        var page = await browser.NewPageAsync(phone
            ? new BrowserNewPageOptions { BaseURL = host.Address.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true }
            : new BrowserNewPageOptions { BaseURL = host.Address.ToString() });
        await page.GotoAsync("/sign-in.html");
        await page.FillAsync("[name=userName]", user);
        await page.FillAsync("[name=password]", DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));
        return page;
    }

    public static async Task Shoot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });

    public static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
