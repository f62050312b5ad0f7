using System.Diagnostics;
using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Domain.Register.Demo;
using Intranet.Domain.Reminders;
using Intranet.Domain.University.Demo;
using Intranet.Domain.Welfare.Demo;
using Intranet.Jobs.Reminders;
using Intranet.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Intranet.Benchmarks;

/// <summary>
/// The daily reminder scan at city scale: the demo register with its welfare work (cases, health checks, deaths) and the
/// elderly university. Times the first scan (which raises the backlog), the steady daily scan (against raw SQL of the
/// same reads), and a scan after a month down; samples the process's memory while each runs; and times a sign-in's
/// writes while a scan runs, against the same writes on an idle database.
/// </summary>
internal static class RemindersBench
{
    public static async Task RunAsync(int retirees, int iterations)
    {
        var (path, connectionString, factory) = BenchSupport.NewDatabase("reminders");
        var today = DateOnly.FromDateTime(DateTime.Today);
        var watch = Stopwatch.StartNew();
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            db.AuditTrailEnabled = false;
            await DemoRegisterGenerator.SeedAsync(db, new DemoRegisterOptions(retirees), today);
            await DemoWelfareGenerator.SeedAsync(db, today);
            await DemoUniversityGenerator.SeedAsync(db, today);
            db.Add(new AppUser { UserName = "bench", NormalizedUserName = "BENCH", DisplayName = "基准测试", Role = UserRole.DistrictStaff });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
            Console.WriteLine($"Seeded {retirees:N0} retirees with welfare and university work in {watch.Elapsed.TotalSeconds:F1} s: " +
                $"{await db.Retirees.CountAsync(r => r.BirthdayIsLunar):N0} keep a lunar birthday, {await db.Set<Intranet.Domain.Welfare.HealthCheck>().CountAsync():N0} health checks, " +
                $"{await db.Set<Intranet.Domain.Welfare.WelfareCase>().CountAsync():N0} cases.");
        }

        var options = new ReminderOptions();
        var scan = new ReminderScan(factory, Options.Create(options), NullLogger<ReminderScan>.Instance);
        Task<JobOutcome> ScanAsync(DateOnly day, DateOnly? last) => scan.RunAsync(new JobRunContext(day, last, Intranet.Domain.Jobs.JobTrigger.Scheduled), CancellationToken.None);

        Console.WriteLine();
        Console.WriteLine("| run | s | raised | closed | peak managed heap over baseline MB | peak working set over baseline MB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        await MeasureAsync("first scan (raises the backlog)", () => ScanAsync(today, null));
        await MeasureAsync("daily scan, the next day", () => ScanAsync(today.AddDays(1), today));
        await MeasureAsync("scan after 30 days down (summarised)", () => ScanAsync(today.AddDays(31), today.AddDays(1)));

        // The steady daily scan against raw SQL of the reads it makes (the same columns and conditions).
        var day = today.AddDays(31);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var bornBy = D(day.AddDays(7).AddYears(-70));
        var marriedBy = D(day.AddDays(7).AddYears(-50));
        await BenchSupport.TimeAgainstRawAsync($"{retirees:N0} retirees", [
            ("daily scan, nothing new to raise", () => ScanAsync(day, day)),
            ("raw SQL: the scan's reads", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT Id, BirthDate, BirthdayIsLunar FROM Retirees WHERE IsDeceased = 0 AND BirthDate <= '{bornBy}';
                SELECT r.Id, r.MarriageDate FROM Retirees r WHERE r.IsDeceased = 0 AND r.SpouseIsDeceased = 0 AND r.MarriageDate IS NOT NULL
                  AND r.MarriageDate <= '{marriedBy}' AND r.SpouseName IS NOT NULL AND r.SpouseName <> ''
                  AND NOT EXISTS (SELECT 1 FROM Retirees s WHERE s.Name = r.SpouseName AND s.SpouseName = r.Name AND s.MarriageDate = r.MarriageDate
                    AND (s.IsDeceased OR (s.Id < r.Id AND NOT s.SpouseIsDeceased)));
                SELECT h.RetireeId, MAX(h.CheckedOn) FROM HealthChecks h JOIN Retirees r ON r.Id = h.RetireeId
                  WHERE h.Status = 2 AND h.CheckedOn IS NOT NULL AND r.IsDeceased = 0 GROUP BY h.RetireeId
                  HAVING MAX(h.CheckedOn) >= '{D(day.AddDays(-7).AddYears(-1).AddDays(-1))}' AND MAX(h.CheckedOn) <= '{D(day.AddDays(14).AddYears(-1))}';
                SELECT h.Id, h.RetireeId, h.Year FROM HealthChecks h JOIN Retirees r ON r.Id = h.RetireeId
                  WHERE h.Status = 3 AND h.Year >= {day.Year - 1} AND r.IsDeceased = 0
                  AND NOT EXISTS (SELECT 1 FROM HealthChecks d WHERE d.RetireeId = h.RetireeId AND d.Status = 2 AND d.Year >= h.Year);
                SELECT c.Id, c.RetireeId, c.NextFollowUpOn, c.Type, c.Officer FROM WelfareCases c JOIN Retirees r ON r.Id = c.RetireeId
                  WHERE c.Status <> 3 AND c.NextFollowUpOn IS NOT NULL AND c.NextFollowUpOn <= '{D(day.AddDays(3))}' AND r.IsDeceased = 0;
                SELECT RetireeId, DeathDate, CreatedAt FROM CondolenceTasks WHERE VisitId IS NULL;
                SELECT c.Id, c.Name, c.StartsOn, c.Place,
                  (SELECT COUNT(*) FROM Enrolments e LEFT JOIN Retirees r ON r.Id = e.RetireeId WHERE e.ClassId = c.Id AND e.Status = 1 AND (r.Id IS NULL OR r.IsDeceased = 0)),
                  (SELECT COUNT(*) FROM Enrolments e LEFT JOIN Retirees r ON r.Id = e.RetireeId WHERE e.ClassId = c.Id AND e.Status = 2 AND (r.Id IS NULL OR r.IsDeceased = 0))
                  FROM UniversityClasses c WHERE c.StartsOn >= '{D(day.AddDays(-7))}' AND c.StartsOn <= '{D(day.AddDays(7))}';
                SELECT SubjectId, OccasionOn FROM Reminders WHERE Kind = 1 AND OccasionOn >= '{D(day.AddDays(-7))}' AND OccasionOn <= '{D(day.AddDays(7))}';
                SELECT r.* FROM Reminders r JOIN Retirees p ON p.Id = r.RetireeId WHERE r.Status = 1 AND p.IsDeceased = 1 AND r.Kind IN (1, 3, 4, 5, 6);
                """)),
        ], iterations);

        // A sign-in's writes (find the account, stamp the time, its audit line) alone, and while a first scan runs on a fresh backlog.
        await using (var db = factory.CreateDbContext())
        {
            await db.Set<Reminder>().ExecuteDeleteAsync();
        }

        var idle = await SignInsAsync(factory, TimeSpan.FromSeconds(2), null);
        // On a thread of its own, as Quartz runs it: SQLite's provider completes "async" calls synchronously.
        var scanning = Task.Run(() => ScanAsync(today, null));
        var busy = await SignInsAsync(factory, TimeSpan.FromDays(1), scanning);
        Console.WriteLine();
        Console.WriteLine("| sign-in writes | count | median ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| idle database | {idle.Count} | {Median(idle):F1} | {idle.DefaultIfEmpty().Max():F1} |");
        Console.WriteLine($"| during the first scan | {busy.Count} | {Median(busy):F1} | {busy.DefaultIfEmpty().Max():F1} |");

        BenchSupport.Delete(path);
    }

    private static async Task MeasureAsync(string name, Func<Task<JobOutcome>> run)
    {
        using var memory = new MemoryWatch(intervalMilliseconds: 5);
        var watch = Stopwatch.StartNew();
        var outcome = await run();
        var elapsed = watch.Elapsed;
        Console.WriteLine($"| {name} | {elapsed.TotalSeconds:F2} | {outcome.Raised:N0} | {outcome.Closed:N0} | {memory.PeakGrowthMegabytes:F1} | {memory.WorkingSetGrowthMegabytes:F1} |");
    }

    private static async Task<List<double>> SignInsAsync(IDbContextFactory<IntranetDbContext> factory, TimeSpan length, Task? until)
    {
        var times = new List<double>();
        var end = DateTime.UtcNow + length;
        while (until is null ? DateTime.UtcNow < end : !until.IsCompleted)
        {
            var watch = Stopwatch.StartNew();
            await using (var db = factory.CreateDbContext())
            {
                var user = await db.Users.SingleAsync(u => u.NormalizedUserName == "BENCH");
                user.LastSignInAt = DateTime.UtcNow;
                await db.SaveChangesAsync();
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(20);
        }

        if (until is not null)
        {
            await until;
        }

        return times;
    }

    private static double Median(List<double> times) => times.Count == 0 ? double.NaN : times.Order().ElementAt(times.Count / 2);
}
