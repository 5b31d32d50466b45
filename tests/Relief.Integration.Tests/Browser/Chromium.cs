using Microsoft.Playwright;

namespace Relief.Integration.Tests.Browser;

/// <summary>
/// Debian's chromium package, driven by Playwright (never a downloaded browser). The test command installs it
/// when missing; without it the browser tests are skipped, except under CI=true, where that is a failure.
/// </summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static bool Present => File.Exists(Environment.GetEnvironmentVariable("RELIEF_TEST_CHROMIUM") ?? Path);

    public static void SkipUnlessPresent()
    {
        if (!Present && Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException($"CI=true and no Chromium at {Path}: the test command should have installed Debian's chromium.");
        }
        Skip.IfNot(Present, $"No Chromium at {Path} (install Debian's chromium package; ./build.sh test does when run as root).");
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> Launch()
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("RELIEF_TEST_CHROMIUM") ?? Path,
            Headless = true,
            // As root (CI) Chromium's sandbox cannot start; the pages are our own.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }
}
