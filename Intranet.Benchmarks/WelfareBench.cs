using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Register.Demo;
using Intranet.Domain.Welfare;
using Intranet.Domain.Welfare.Demo;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Platform.Live;
using Intranet.Web.Welfare;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Benchmarks;

/// <summary>
/// Welfare at city scale: the demo register and its two years of welfare work, topped up to the asked number of
/// visits, then the caseload, a campaign's progress per unit, a person's visit tab and the year's figures, each
/// against raw SQL of the same query in the same run.
/// </summary>
internal static class WelfareBench
{
    public static async Task RunAsync(int retirees, int visits, int iterations)
    {
        var (path, connectionString, factory) = BenchSupport.NewDatabase("welfare");
        var today = DateOnly.FromDateTime(DateTime.Today);
        var watch = Stopwatch.StartNew();
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            db.AuditTrailEnabled = false;
            await DemoRegisterGenerator.SeedAsync(db, new DemoRegisterOptions(retirees), today);
            await DemoWelfareGenerator.SeedAsync(db, today);
        }

        var seeded = watch.Elapsed;
        watch.Restart();
        var added = await TopUpVisitsAsync(connectionString, visits, today);
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        Console.WriteLine($"Seeded {retirees:N0} retirees with two years of welfare work in {seeded.TotalSeconds:F1} s; added {added:N0} visits in {watch.Elapsed.TotalSeconds:F1} s.");

        var user = BenchSupport.Staff();
        var counts = new ListCounts(new ChangeFeed(Microsoft.Extensions.Options.Options.Create(new ChangeFeedOptions()), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ChangeFeed>.Instance), TimeProvider.System);
        var queries = new WelfareQueries(factory, user, TimeProvider.System, counts, new AuditLog(factory, user, TimeProvider.System));
        var commands = new WelfareCommands(factory, user, new AuditLog(factory, user, TimeProvider.System), TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new WelfareOptions()));
        var campaigns = new CampaignService(factory, user, new AuditLog(factory, user, TimeProvider.System), commands, TimeProvider.System);

        int campaignId, busiest;
        await using (var db = factory.CreateDbContext())
        {
            campaignId = await db.Set<CampaignEntry>().GroupBy(e => e.CampaignId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            busiest = await db.Set<Visit>().GroupBy(v => v.RetireeId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            Console.WriteLine($"{await db.Set<Visit>().CountAsync():N0} visits, {await db.Set<WelfareCase>().CountAsync():N0} cases, campaign of {await db.Set<CampaignEntry>().CountAsync(e => e.CampaignId == campaignId):N0} people.");
        }

        var scenarios = new (string Name, Func<Task> Run)[]
        {
            ("caseload: first page + count, open cases (staff)", async () => { counts.Forget(); await queries.ListCasesAsync(new CaseFilter(), new PageRequest(0, 20)); }),
            ("raw SQL: the same page and count", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT COUNT(*) FROM WelfareCases c WHERE c.Status <> 3;
                SELECT c.Id, r.Name, u.Name, c.Type, c.Status, c.Officer, c.OpenedOn, c.NextFollowUpOn,
                       (SELECT COALESCE(SUM(p.AmountFen), 0) FROM CasePayments p WHERE p.CaseId = c.Id)
                FROM WelfareCases c JOIN Retirees r ON r.Id = c.RetireeId JOIN Units u ON u.Id = r.UnitId
                WHERE c.Status <> 3 ORDER BY c.NextFollowUpOn IS NULL, c.NextFollowUpOn, c.OpenedOn DESC, c.Id LIMIT 20
                """)),
            ("campaign: progress per unit (staff)", () => campaigns.ProgressAsync(campaignId)),
            ("raw SQL: the same progress", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT e.UnitId, u.Name, COUNT(*), COUNT(e.VisitId) FROM CampaignEntries e JOIN Units u ON u.Id = e.UnitId
                WHERE e.CampaignId = {campaignId} GROUP BY e.UnitId, u.Name ORDER BY u.SortOrder, u.Id
                """)),
            ("visit tab: the most visited person's visits (staff)", () => queries.VisitsOfAsync(busiest)),
            ("raw SQL: the same visits", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT v.Id, v.VisitedOn, v.Occasion, v.Visitors, v.Gift, v.AmountFen, v.Notes, v.CaseId FROM Visits v
                WHERE v.RetireeId = {busiest} ORDER BY v.VisitedOn DESC, v.Id DESC LIMIT 200
                """)),
            ("year figures: visits by occasion, people visited, cases and money by type (staff)", () => queries.YearAsync(today.Year)),
            ("raw SQL: the same figures", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT v.Occasion, COUNT(*), COUNT(DISTINCT v.RetireeId), SUM(COALESCE(v.AmountFen, 0)) FROM Visits v
                WHERE v.VisitedOn >= '{today.Year}-01-01' AND v.VisitedOn < '{today.Year + 1}-01-01' GROUP BY v.Occasion;
                SELECT COUNT(DISTINCT v.RetireeId) FROM Visits v WHERE v.VisitedOn >= '{today.Year}-01-01' AND v.VisitedOn < '{today.Year + 1}-01-01';
                SELECT c.Type, SUM(p.AmountFen), COUNT(*) FROM CasePayments p JOIN WelfareCases c ON c.Id = p.CaseId
                WHERE p.PaidOn >= '{today.Year}-01-01' AND p.PaidOn < '{today.Year + 1}-01-01' GROUP BY c.Type;
                SELECT c.Type, c.Status, COUNT(*) FROM WelfareCases c WHERE c.OpenedOn < '{today.Year + 1}-01-01'
                  AND (c.ClosedOn IS NULL OR c.ClosedOn >= '{today.Year}-01-01') GROUP BY c.Type, c.Status;
                SELECT COUNT(*) FROM Visits v WHERE v.Occasion = 6 AND v.VisitedOn >= '{today.Year}-01-01' AND v.VisitedOn < '{today.Year + 1}-01-01';
                """)),
        };

        await BenchSupport.TimeAgainstRawAsync($"{retirees:N0} retirees, {visits:N0} visits", scenarios, iterations);
        BenchSupport.Delete(path);
    }

    /// <summary>Visits for random people on random days of the last two years, in one transaction through one prepared statement.</summary>
    private static async Task<int> TopUpVisitsAsync(string connectionString, int wanted, DateOnly today)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        long existing;
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM Visits";
            existing = (long)(await count.ExecuteScalarAsync())!;
        }

        var ids = new List<int>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id FROM Retirees WHERE NOT IsDeceased";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt32(0));
            }
        }

        var toAdd = (int)Math.Max(0, wanted - existing);
        var random = new Random(7);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Visits (RetireeId, VisitedOn, Occasion, Visitors, Gift, AmountFen, CreatedAt, CreatedBy, Version)
            VALUES ($r, $d, $o, '张丽、王主任', '米、油', 20000, $c, 'system', 0)
            """;
        var (r, d, o, c) = (insert.Parameters.Add("$r", SqliteType.Integer), insert.Parameters.Add("$d", SqliteType.Text),
            insert.Parameters.Add("$o", SqliteType.Integer), insert.Parameters.Add("$c", SqliteType.Text));
        c.Value = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        await insert.PrepareAsync();
        for (var i = 0; i < toAdd; i++)
        {
            r.Value = ids[random.Next(ids.Count)];
            d.Value = today.AddDays(-random.Next(0, 730)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            o.Value = random.Next(1, 6);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return toAdd;
    }
}
