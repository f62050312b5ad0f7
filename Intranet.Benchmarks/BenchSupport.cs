using System.Diagnostics;
using System.Security.Claims;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Web.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Benchmarks;

/// <summary>What the area benchmarks share: a scratch database, a signed-in staff member, and timing each query against raw SQL.</summary>
internal static class BenchSupport
{
    /// <summary>A fresh SQLite file in the temp folder with a context factory over it (audited as the system).</summary>
    public static (string Path, string ConnectionString, IDbContextFactory<IntranetDbContext> Factory) NewDatabase(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"intranet-{name}-bench-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        return (path, connectionString, new Factory(new DbContextOptionsBuilder<IntranetDbContext>()
            .UseSqlite(connectionString)
            .AddInterceptors(new AuditableEntityInterceptor(new SystemUser(), TimeProvider.System))
            .Options));
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    public static CurrentUser Staff()
    {
        var user = new CurrentUser(new HttpContextAccessor());
        user.SetCircuitUser(new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.Name, "bench"), new(ClaimTypes.Role, nameof(UserRole.DistrictStaff))], "bench")));
        return user;
    }

    /// <summary>
    /// Runs each scenario (two warm-ups, then <paramref name="iterations"/> timed runs) and prints a Markdown table: the app's
    /// query, as a ratio to the "raw SQL" scenario after it, then that raw SQL.
    /// </summary>
    public static async Task TimeAgainstRawAsync(string header, IReadOnlyList<(string Name, Func<Task> Run)> scenarios, int iterations)
    {
        Console.WriteLine();
        Console.WriteLine($"| scenario ({header}, median of {iterations}) | ms | × raw SQL |");
        Console.WriteLine("| --- | ---: | ---: |");
        (string Name, double Median)? app = null;
        foreach (var (name, run) in scenarios)
        {
            for (var i = 0; i < 2; i++)
            {
                await run();
            }

            var times = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                var timer = Stopwatch.StartNew();
                await run();
                times.Add(timer.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var median = times[times.Count / 2];
            if (name.StartsWith("raw SQL", StringComparison.Ordinal))
            {
                Console.WriteLine($"| {app?.Name} | {app?.Median:F2} | **{app?.Median / median:F1}** |");
                Console.WriteLine($"| {name} | {median:F2} | 1.0 |");
            }
            else
            {
                app = (name, median);
            }
        }
    }

    /// <summary>Runs the statements and reads every row of every result, as the app's query reads its rows.</summary>
    public static async Task RawAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync())
            {
                reader.GetValues(values);
            }
        }
        while (await reader.NextResultAsync());
    }

    private sealed class Factory(DbContextOptions<IntranetDbContext> options) : IDbContextFactory<IntranetDbContext>
    {
        public IntranetDbContext CreateDbContext() => new(options);
    }
}

/// <summary>
/// The process's memory while something runs: the managed heap (after a full collection at the start) and the working
/// set, sampled on a timer, as growth over where they started.
/// </summary>
internal sealed class MemoryWatch : IDisposable
{
    private readonly long _baseline;
    private readonly long _workingSetBaseline;
    private readonly Timer _timer;
    private long _peak;
    private long _workingSetPeak;

    public MemoryWatch(int intervalMilliseconds = 10)
    {
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _workingSetBaseline = Environment.WorkingSet;
        (_peak, _workingSetPeak) = (_baseline, _workingSetBaseline);
        _timer = new Timer(_ =>
        {
            Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(false)));
            Interlocked.Exchange(ref _workingSetPeak, Math.Max(Interlocked.Read(ref _workingSetPeak), Environment.WorkingSet));
        }, null, 0, intervalMilliseconds);
    }

    public double PeakGrowthMegabytes => (Interlocked.Read(ref _peak) - _baseline) / 1024.0 / 1024.0;

    public double WorkingSetGrowthMegabytes => (Interlocked.Read(ref _workingSetPeak) - _workingSetBaseline) / 1024.0 / 1024.0;

    public void Dispose() => _timer.Dispose();
}
