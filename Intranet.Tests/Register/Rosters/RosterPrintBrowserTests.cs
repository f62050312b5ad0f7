using System.Diagnostics;
using Intranet.Domain.Accounts;
using Intranet.Domain.Register;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Register.Rosters;
using Microsoft.Playwright;

namespace Intranet.Tests.Register.Rosters;

/// <summary>The Double Ninth roster printed to PDF by Chromium, and the pages read back as text.</summary>
public sealed class RosterPrintBrowserTests(AccessWorldApp fixture) : IClassFixture<AccessWorldApp>
{
    [SkippableFact]
    public async Task The_double_ninth_roster_prints_on_a4_a_unit_per_page_run_with_its_headers_on_every_page_and_masked_phones()
    {
        var day = RosterQueries.DoubleNinthOf(DateTime.Now.Year);
        using (var db = fixture.App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            var big = make.Unit("打印测试大校");
            var small = make.Unit("打印测试小校");
            for (var i = 1; i <= 75; i++)
            {
                var n = i;
                make.Retiree(big, $"大校{n:000}", configure: r => (r.BirthDate, r.Phone) = (day.AddYears(-(70 + n % 25)).AddDays(-n), $"1370000{n:0000}"));
            }

            for (var i = 1; i <= 4; i++)
            {
                var n = i;
                make.Retiree(small, $"小校{n:000}", configure: r => (r.BirthDate, r.Phone) = (day.AddYears(-(72 + n * 5)), $"1360000{n:0000}"));
            }
        }

        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.DistrictStaff]);
        await page.GotoAsync("/register/roster/double-ninth");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".roster-section").First).ToBeVisibleAsync();
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "double-ninth-roster.pdf");
        await File.WriteAllBytesAsync(file, pdf);

        var pages = await PdfPagesAsync(file);

        // 75 people of the big school run over several pages; the small school starts a page of its own.
        Assert.True(pages.Count >= 4, $"{pages.Count} pages");
        Assert.All(pages, text =>
        {
            Assert.Contains($"{day.Year}年重阳节慰问名册", text, StringComparison.Ordinal);
            Assert.Contains("序号", text, StringComparison.Ordinal);
            Assert.Contains("签名", text, StringComparison.Ordinal);
            Assert.DoesNotContain("打印", text.Replace("打印测试", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        });
        var bigPages = pages.Where(p => p.Contains("大校0", StringComparison.Ordinal)).ToList();
        var smallPages = pages.Where(p => p.Contains("小校0", StringComparison.Ordinal)).ToList();
        Assert.True(bigPages.Count >= 2, $"the big school is on {bigPages.Count} pages");
        Assert.All(bigPages, p => Assert.Contains("打印测试大校（75人）", p, StringComparison.Ordinal));
        Assert.Single(smallPages);
        Assert.DoesNotContain("大校0", smallPages[0], StringComparison.Ordinal);
        Assert.Contains("打印测试小校（4人）", smallPages[0], StringComparison.Ordinal);
        Assert.Contains("90岁及以上", string.Concat(bigPages), StringComparison.Ordinal);
        Assert.Contains("137****0001", string.Concat(bigPages), StringComparison.Ordinal);
        Assert.DoesNotContain("13700000001", string.Concat(pages), StringComparison.Ordinal);
    }

    /// <summary>The text of each page, by poppler's pdftotext (pages end with a form feed).</summary>
    private static async Task<IReadOnlyList<string>> PdfPagesAsync(string file)
    {
        ProcessStartInfo start = new("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception) when (!BrowserFixture.Required)
        {
            throw new SkipException("pdftotext (poppler-utils) is not installed");
        }

        using (process)
        {
            Assert.NotNull(process);
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            // Laid-out text puts spaces between Latin and Chinese runs; the assertions read it without any.
            return text.Split('\f').Where(p => !string.IsNullOrWhiteSpace(p))
                .Select(p => string.Concat(p.Where(c => !char.IsWhiteSpace(c)))).ToList();
        }
    }
}
