using System.Diagnostics;
using Intranet.Domain.Register.Demo;
using Intranet.Web.Register.Duplicates;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Benchmarks;

/// <summary>
/// The register's duplicate scan at city scale: the demo register with some records typed twice (an old 15-digit ID
/// number, the same name and birth date, the same name and phone typed differently), scanned as district staff against
/// raw SQL doing the same three GROUP BYs and reading the same people in the same run.
/// </summary>
internal static class DuplicatesBench
{
    // The app's three aggregates as SQL; a set of three or more (a handful here) the app looks up once more by its key.
    private const string RawGroups = """
        SELECT min(Id) || ',' || max(Id) FROM Retirees WHERE length(IdNumber) IN (15, 18)
        GROUP BY CASE WHEN length(IdNumber) = 15 THEN substr(IdNumber, 1, 6) || '19' || substr(IdNumber, 7, 9) ELSE substr(IdNumber, 1, 17) END
        HAVING COUNT(*) > 1 ORDER BY 1 LIMIT 501;
        SELECT min(Id) || ',' || max(Id) FROM Retirees GROUP BY Name, BirthDate HAVING COUNT(*) > 1 ORDER BY Name, BirthDate LIMIT 501;
        SELECT min(Id) || ',' || max(Id) FROM Retirees WHERE Phone IS NOT NULL AND Phone <> ''
        GROUP BY Name, replace(replace(Phone, '-', ''), ' ', '') HAVING COUNT(*) > 1 ORDER BY Name, replace(replace(Phone, '-', ''), ' ', '') LIMIT 501;
        """;

    public static async Task RunAsync(int retirees, int copies, int iterations)
    {
        var (path, connectionString, factory) = BenchSupport.NewDatabase("duplicates");
        var watch = Stopwatch.StartNew();
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            db.AuditTrailEnabled = false;
            await DemoRegisterGenerator.SeedAsync(db, new DemoRegisterOptions(retirees), DateOnly.FromDateTime(DateTime.Today));
        }

        await AddCopiesAsync(connectionString, copies);
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        Console.WriteLine($"Seeded {retirees:N0} retirees and {copies * 3:N0} records typed twice in {watch.Elapsed.TotalSeconds:F1} s.");

        var queries = new DuplicateQueries(factory, BenchSupport.Staff());
        var found = await queries.FindAsync();
        Console.WriteLine($"The scan finds {found.Sets.Count:N0} sets{(found.Truncated ? " (cut at the page's limit)" : string.Empty)}.");

        await BenchSupport.TimeAgainstRawAsync($"{retirees:N0} retirees", [
            ("duplicate scan: three tests and the people found (staff)", () => queries.FindAsync()),
            ("raw SQL: the same three GROUP BYs (lowest and highest id) and the same people", () => RawAsync(connectionString)),
        ], iterations);
        BenchSupport.Delete(path);
    }

    private static async Task RawAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var ids = new HashSet<long>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = RawGroups;
            await using var reader = await command.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                    ids.UnionWith(reader.GetString(0).Split(',').Select(long.Parse));
                }
            }
            while (await reader.NextResultAsync());
        }

        await using var rows = connection.CreateCommand();
        rows.CommandText = $"""
            SELECT r.Id, r.Name, r.Gender, r.BirthDate, u.Name, g.Name, r.IdNumber, r.Phone, r.IsDeceased, r.CreatedAt
            FROM Retirees r JOIN Units u ON u.Id = r.UnitId LEFT JOIN RetireeGroups g ON g.Id = r.GroupId
            WHERE r.Id IN ({string.Join(",", ids)})
            """;
        await using var read = await rows.ExecuteReaderAsync();
        var values = new object[read.FieldCount];
        while (await read.ReadAsync())
        {
            read.GetValues(values);
        }
    }

    /// <summary>Copies of existing people, as an office's old sheets bring them: each kind of duplicate <paramref name="copies"/> times.</summary>
    private static async Task AddCopiesAsync(string connectionString, int copies)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('Retirees') WHERE name NOT IN ('Id', 'IdNumber', 'BirthDate', 'Phone')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var list = string.Join(", ", columns);
        foreach (var (skip, idNumber, birth, phone) in new[]
        {
            // The old 15-digit form of the same number.
            (0, "substr(IdNumber, 1, 6) || substr(IdNumber, 9, 9)", "BirthDate", "Phone"),
            // Another number (one digit off), same name and birth date.
            (copies, "substr(IdNumber, 1, 14) || '9' || substr(IdNumber, 16, 3)", "BirthDate", "NULL"),
            // Another number and birth date, the phone typed with dashes.
            (copies * 2, "substr(IdNumber, 1, 14) || '8' || substr(IdNumber, 16, 3)", "date(BirthDate, '+1 day')",
                "substr(Phone, 1, 3) || '-' || substr(Phone, 4, 4) || '-' || substr(Phone, 8)"),
        })
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = $"""
                INSERT OR IGNORE INTO Retirees ({list}, IdNumber, BirthDate, Phone)
                SELECT {list}, {idNumber}, {birth}, {phone} FROM Retirees
                WHERE Phone IS NOT NULL AND length(Phone) = 11 ORDER BY Id LIMIT {copies} OFFSET {skip}
                """;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
