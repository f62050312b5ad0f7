using Microsoft.Playwright;

namespace Intranet.Benchmarks;

/// <summary>
/// Server memory per open page: the real app in this process over a demo database, N district-staff pages (the register's by default)
/// opened in headless Chromium, the managed heap measured before, with them open, and after they are closed.
/// </summary>
internal static class CircuitBench
{
    public static async Task RunAsync(string databasePath, int retirees, int pages, string path = "/register")
    {
        var (app, address) = await BenchHost.StartAsync(databasePath, retirees);

        using var playwright = await Playwright.CreateAsync();
        var (browser, context, first) = await BenchHost.SignInAsync(playwright, address);
        await using var closeBrowser = browser;
        var html = (await first.ContentAsync()).Length;

        var baseline = Heap();
        var open = new List<IPage>();
        for (var i = 0; i < pages; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
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

        Console.WriteLine($"| {pages} district-staff {path} pages at {retirees:N0} retirees | MB |");
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine($"| managed heap, one page open | {baseline:F1} |");
        Console.WriteLine($"| with {pages} more open | {withPages:F1} |");
        Console.WriteLine($"| **per open page** | **{(withPages - baseline) / pages:F2}** |");
        Console.WriteLine($"| 20 s after closing them (retention 15 s) | {afterClosing:F1} |");
        Console.WriteLine($"| the landing page's HTML after sign-in | {html / 1024.0:F0} KB |");

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
}
