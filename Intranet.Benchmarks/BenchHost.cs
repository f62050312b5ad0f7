using Intranet.Web.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Intranet.Benchmarks;

/// <summary>The real app, in the benchmark's own process so its memory can be read, over a demo database; and a signed-in browser.</summary>
internal static class BenchHost
{
    public static async Task<(WebApplication App, string Address)> StartAsync(string databasePath, int retirees)
    {
        var app = IntranetApp.Build(new WebApplicationOptions
        {
            ApplicationName = typeof(IntranetApp).Assembly.GetName().Name,
            EnvironmentName = "Development",
            ContentRootPath = WebProjectFolder(),
        }, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Path"] = databasePath,
                ["DemoData:RetireeCount"] = retirees.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Jobs:Enabled"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Services.Configure<CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(15));
        });
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>Headless Chromium signed in as the demo district staff account, on the register page.</summary>
    public static async Task<(IBrowser Browser, IBrowserContext Context, IPage Page)> SignInAsync(IPlaywright playwright, string address)
    {
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address, ViewportSize = new ViewportSize { Width = 1366, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.Locator("#username").FillAsync("staff");
        await page.Locator("#password").FillAsync("tuixiu-demo-2026");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForFunctionAsync("() => window.Blazor && document.body.dataset.interactive === 'true'");
        return (browser, context, page);
    }

    private static string WebProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Intranet.sln")))
            {
                return Path.Combine(dir.FullName, "Intranet.Web");
            }
        }

        throw new InvalidOperationException("Intranet.sln not found above the benchmark's folder.");
    }
}
