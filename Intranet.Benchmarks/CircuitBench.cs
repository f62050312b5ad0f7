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

/// <summary>
/// Server memory per open page: the real app in this process over a demo database, N district-staff register pages
/// opened in headless Chromium, the managed heap measured before, with them open, and after they are closed.
/// </summary>
internal static class CircuitBench
{
    public static async Task RunAsync(string databasePath, int retirees, int pages)
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
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address, ViewportSize = new ViewportSize { Width = 1366, Height = 800 } });
        var first = await context.NewPageAsync();
        await first.GotoAsync("/account/login");
        await first.Locator("#username").FillAsync("staff");
        await first.Locator("#password").FillAsync("tuixiu-demo-2026");
        await first.Locator("button[type=submit]").ClickAsync();
        await first.WaitForFunctionAsync("() => window.Blazor && document.body.dataset.interactive === 'true'");
        var html = (await first.ContentAsync()).Length;

        var baseline = Heap();
        var open = new List<IPage>();
        for (var i = 0; i < pages; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/register");
            await page.WaitForFunctionAsync("() => window.Blazor && document.body.dataset.interactive === 'true'");
            open.Add(page);
        }

        var withPages = Heap();
        foreach (var page in open)
        {
            await page.CloseAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(20));
        var afterClosing = Heap();

        Console.WriteLine($"| {pages} district-staff register pages at {retirees:N0} retirees | MB |");
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine($"| managed heap, one page open | {baseline:F1} |");
        Console.WriteLine($"| with {pages} more open | {withPages:F1} |");
        Console.WriteLine($"| **per open page** | **{(withPages - baseline) / pages:F2}** |");
        Console.WriteLine($"| 20 s after closing them (retention 15 s) | {afterClosing:F1} |");
        Console.WriteLine($"| register page HTML | {html / 1024.0:F0} KB |");

        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static double Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;
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
