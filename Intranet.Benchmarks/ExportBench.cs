using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Intranet.Benchmarks;

/// <summary>
/// The register's full Excel export over HTTP, as district staff, against raw SQL reading the same rows in the same run,
/// and how far the server's working set grows while it streams.
/// </summary>
internal static class ExportBench
{
    // The export's query as SQL: every living retiree, unit by unit in the office's order, then by pinyin.
    private const string RawSql = """
        SELECT r.Name, r.Gender, r.BirthDate, r.IdNumber, r.Phone, u.Name, g.Name, b.Name, r.IsAssociationMember,
               r.Subdistrict, r.Community, r.Address, r.RetirementDate, r.FormerPost, r.Title, r.SpouseName, r.MarriageDate,
               r.EmergencyContactName, r.EmergencyContactPhone, r.HealthStatus, r.LivingSituation, r.CareCategories, r.IsDeceased, r.DeathDate
        FROM Retirees r JOIN Units u ON u.Id = r.UnitId LEFT JOIN RetireeGroups g ON g.Id = r.GroupId LEFT JOIN PartyBranches b ON b.Id = r.PartyBranchId
        WHERE NOT r.IsDeceased
        ORDER BY u.SortOrder, u.Id, r.NamePinyin, r.Name, r.Id
        """;

    public static async Task RunAsync(string databasePath, int retirees, int runs)
    {
        var (app, address) = await BenchHost.StartAsync(databasePath, retirees);
        using var playwright = await Playwright.CreateAsync();
        var (browser, context, _) = await BenchHost.SignInAsync(playwright, address);
        await using var closeBrowser = browser;
        var cookies = new System.Net.CookieContainer();
        foreach (var cookie in await context.CookiesAsync())
        {
            cookies.Add(new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }

        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };

        // Warm-up: JIT, query plans, the file in the page cache.
        var (bytes, rows) = (await ExportAsync(client), await RawAsync(databasePath));

        var export = new List<double>();
        var raw = new List<double>();
        var (exportGrowth, workingSetGrowth) = (0.0, 0.0);
        for (var i = 0; i < runs; i++)
        {
            raw.Add(await TimeAsync(() => RawAsync(databasePath)));
            using var memory = new MemoryWatch(intervalMilliseconds: 20);
            export.Add(await TimeAsync(() => ExportAsync(client)));
            exportGrowth = Math.Max(exportGrowth, memory.PeakGrowthMegabytes);
            workingSetGrowth = Math.Max(workingSetGrowth, memory.WorkingSetGrowthMegabytes);
        }

        var (exportMedian, rawMedian) = (Median(export), Median(raw));
        Console.WriteLine($"| full export, {rows:N0} rows ({bytes / 1024.0 / 1024.0:F1} MB .xlsx), median of {runs} | s | × raw SQL |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| raw SQL: the same rows read with Microsoft.Data.Sqlite | {rawMedian:F2} | 1.0 |");
        Console.WriteLine($"| **export over HTTP, streamed** | **{exportMedian:F2}** | **{exportMedian / rawMedian:F1}** |");
        Console.WriteLine($"| largest growth of the managed heap during one export, uncollected garbage included | {exportGrowth:F0} MB | |");
        Console.WriteLine($"| largest growth of the server's working set during one export | {workingSetGrowth:F0} MB | |");

        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Downloads the export with the browser's sign-in cookie, reading it as it streams and keeping none of it.</summary>
    private static async Task<long> ExportAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/register/export", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long length = 0;
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
        {
            length += read;
        }

        return length;
    }

    private static async Task<int> RawAsync(string databasePath)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = RawSql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        var count = 0;
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            count++;
        }

        return count;
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
