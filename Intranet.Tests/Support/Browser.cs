using Microsoft.Playwright;

namespace Intranet.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright. Without a browser on the machine the browser tests are
/// skipped with the reason, unless REQUIRE_BROWSER=1 (as in CI), where they fail instead.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public static bool Required => Environment.GetEnvironmentVariable("REQUIRE_BROWSER") == "1";

    public static string? MissingReason =>
        File.Exists(ExecutablePath) ? null : $"没有找到 Chromium（{ExecutablePath}）：apt-get install chromium 后再运行浏览器测试。";

    private static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? ChromiumPath;

    public async Task InitializeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh page in Chinese at a desktop size; skips or fails the test when there is no browser.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        if (Browser is null)
        {
            if (Required)
            {
                throw new InvalidOperationException("REQUIRE_BROWSER=1 but " + MissingReason);
            }

            throw new SkipException(MissingReason!);
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh page signed in through the sign-in form, as a person does.</summary>
    public async Task<IPage> SignedInPageAsync(Uri baseAddress, TestAccount account)
    {
        var page = await NewPageAsync(baseAddress);
        await SignInAsync(page, account.UserName, account.Password);
        return page;
    }

    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Picks <paramref name="text"/> in the Radzen dropdown whose input is named <paramref name="name"/>.</summary>
    public static async Task ChooseAsync(IPage page, string name, string text)
    {
        var dropdown = page.Locator(".rz-dropdown", new() { Has = page.Locator($"input[name={name}]") });
        var item = page.Locator(".rz-dropdown-panel:visible .rz-dropdown-item", new() { HasText = text }).First;
        for (var attempt = 1; ; attempt++)
        {
            await dropdown.ClickAsync();
            try
            {
                await item.WaitForAsync(new() { Timeout = 3000 });
                break;
            }
            catch (TimeoutException) when (attempt < 4)
            {
                // A click that lands while the form re-renders (validation messages just shown) opens nothing: again.
            }
        }

        await item.ClickAsync();
    }

    /// <summary>The page is prerendered; clicks only work once the circuit is up.</summary>
    public static async Task WaitForInteractiveAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => window.Blazor && document.body.dataset.interactive === 'true'");

    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
