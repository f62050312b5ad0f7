using Intranet.Domain.Activities;
using Intranet.Domain.Data;
using Intranet.Domain.Register.Demo;
using Intranet.Domain.University;
using Intranet.Domain.University.Demo;
using Intranet.Web.Activities;
using Intranet.Web.University;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Benchmarks;

/// <summary>
/// The programmes at city scale: the demo register with two years of the elderly university (<c>classesPerTerm</c>
/// classes in each of four terms, with their enrolments and attendance), activities and golden weddings, and the
/// year's enrolment and results figures, a class page and the golden-wedding list, each against raw SQL in the same run.
/// </summary>
internal static class ProgrammesBench
{
    public static async Task RunAsync(int retirees, int classesPerTerm, int iterations)
    {
        var (path, connectionString, factory) = BenchSupport.NewDatabase("programmes");
        var today = DateOnly.FromDateTime(DateTime.Today);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var db = factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            db.AuditTrailEnabled = false;
            await DemoRegisterGenerator.SeedAsync(db, new DemoRegisterOptions(retirees), today);
            Console.WriteLine($"Seeded {retirees:N0} retirees in {watch.Elapsed.TotalSeconds:F1} s.");
            watch.Restart();
            await DemoUniversityGenerator.SeedAsync(db, today, classesPerTerm: classesPerTerm);
            await Intranet.Domain.Activities.Demo.DemoActivitiesGenerator.SeedAsync(db, today);
            await Intranet.Domain.Contests.Demo.DemoContestsGenerator.SeedAsync(db, today);
            await TopUpEntriesAsync(connectionString, retirees / 2, today);
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
            Console.WriteLine($"Seeded the programmes in {watch.Elapsed.TotalSeconds:F1} s: " +
                $"{await db.Set<UniversityClass>().CountAsync():N0} classes, {await db.Set<Enrolment>().CountAsync():N0} enrolments, " +
                $"{await db.Set<Attendance>().CountAsync():N0} attendances, {await db.Set<ActivityParticipant>().CountAsync():N0} activity participants, " +
                $"{await db.Set<Intranet.Domain.Contests.ContestEntry>().CountAsync():N0} contest entries.");
        }

        var user = BenchSupport.Staff();
        var university = new UniversityQueries(factory, user, TimeProvider.System);
        var activities = new ActivityQueries(factory, user, TimeProvider.System);
        var contests = new Intranet.Web.Contests.ContestQueries(factory, user, TimeProvider.System);
        int fullest, unit, goldenWedding;
        await using (var db = factory.CreateDbContext())
        {
            fullest = await db.Set<Enrolment>().Where(e => e.Class!.StartsOn <= today).GroupBy(e => e.ClassId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            unit = await db.Retirees.GroupBy(r => r.UnitId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            var celebration = new Activity { Kind = ActivityKind.GoldenWedding, Title = "基准测试金婚庆典", Date = today.AddDays(30) };
            db.Add(celebration);
            await db.SaveChangesAsync();
            goldenWedding = celebration.Id;
        }

        var year = today.Year;
        var (from, to) = ($"{year}-01-01", $"{year + 1}-01-01");
        var marriedBy = today.AddDays(30).AddYears(-50).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var scenarios = new (string Name, Func<Task> Run)[]
        {
            ("university: the year's figures, all units (staff)", () => university.YearAsync(year, null)),
            ("raw SQL: the same figures", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT COUNT(*), SUM(Capacity) FROM UniversityClasses WHERE StartsOn >= '{from}' AND StartsOn < '{to}';
                SELECT e.Status, e.RetireeId IS NULL, COUNT(*) FROM Enrolments e JOIN UniversityClasses c ON c.Id = e.ClassId
                  WHERE c.StartsOn >= '{from}' AND c.StartsOn < '{to}' GROUP BY 1, 2;
                SELECT COUNT(DISTINCT e.RetireeId) FROM Enrolments e JOIN UniversityClasses c ON c.Id = e.ClassId
                  WHERE c.StartsOn >= '{from}' AND c.StartsOn < '{to}' AND e.RetireeId IS NOT NULL AND e.Status <> 2;
                SELECT COUNT(DISTINCT e.GuestId) FROM Enrolments e JOIN UniversityClasses c ON c.Id = e.ClassId
                  WHERE c.StartsOn >= '{from}' AND c.StartsOn < '{to}' AND e.GuestId IS NOT NULL AND e.Status <> 2;
                SELECT a.RetireeId IS NULL, COUNT(*) FROM Attendances a JOIN ClassSessions s ON s.Id = a.SessionId
                  WHERE a.Mark = 1 AND s.Date >= '{from}' AND s.Date < '{to}' GROUP BY 1;
                """)),
            ("university: the year's figures, one unit (staff)", () => university.YearAsync(year, unit)),
            ("raw SQL: the same figures", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT COUNT(*), SUM(Capacity) FROM UniversityClasses WHERE StartsOn >= '{from}' AND StartsOn < '{to}';
                SELECT e.Status, COUNT(*) FROM Enrolments e JOIN UniversityClasses c ON c.Id = e.ClassId JOIN Retirees r ON r.Id = e.RetireeId
                  WHERE c.StartsOn >= '{from}' AND c.StartsOn < '{to}' AND r.UnitId = {unit} GROUP BY 1;
                SELECT COUNT(DISTINCT e.RetireeId) FROM Enrolments e JOIN UniversityClasses c ON c.Id = e.ClassId JOIN Retirees r ON r.Id = e.RetireeId
                  WHERE c.StartsOn >= '{from}' AND c.StartsOn < '{to}' AND r.UnitId = {unit} AND e.Status <> 2;
                SELECT COUNT(*) FROM Attendances a JOIN ClassSessions s ON s.Id = a.SessionId JOIN Retirees r ON r.Id = a.RetireeId
                  WHERE a.Mark = 1 AND s.Date >= '{from}' AND s.Date < '{to}' AND r.UnitId = {unit};
                """)),
            ("university: a class page, the fullest class (staff)", () => university.ClassAsync(fullest)),
            ("raw SQL: the same class", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT c.*, t.Name, k.Name FROM UniversityClasses c JOIN Terms t ON t.Id = c.TermId JOIN Courses k ON k.Id = c.CourseId WHERE c.Id = {fullest};
                SELECT e.Id, e.RetireeId, e.GuestId, COALESCE(r.Name, g.Name), COALESCE(u.Name, g.Community), e.Status, e.Seat, e.AppliedAt, e.LeftOn, e.Version
                  FROM Enrolments e LEFT JOIN Retirees r ON r.Id = e.RetireeId LEFT JOIN Units u ON u.Id = r.UnitId LEFT JOIN GuestLearners g ON g.Id = e.GuestId
                  WHERE e.ClassId = {fullest};
                SELECT Status, COUNT(*) FROM Enrolments WHERE ClassId = {fullest} AND Status <> 3 GROUP BY Status;
                SELECT s.Id, s.Date, s.IsCancelled, s.Note,
                       (SELECT COUNT(*) FROM Attendances a WHERE a.SessionId = s.Id AND a.Mark = 1),
                       (SELECT COUNT(*) FROM Attendances a WHERE a.SessionId = s.Id AND a.Mark = 2)
                  FROM ClassSessions s WHERE s.ClassId = {fullest} ORDER BY s.Date;
                """)),
            ("activities: the year's figures (staff)", () => activities.YearAsync(year, null)),
            ("raw SQL: the same figures", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT a.Kind, COUNT(*), SUM(a.GuestCount) FROM Activities a WHERE a.Date >= '{from}' AND a.Date < '{to}' GROUP BY a.Kind;
                SELECT a.Kind, COUNT(*), SUM(p.Status = 3) FROM ActivityParticipants p JOIN Activities a ON a.Id = p.ActivityId
                  WHERE a.Date >= '{from}' AND a.Date < '{to}' GROUP BY a.Kind;
                """)),
            ("contests: the year's results by level, rank, contest and troupe, latest ten (staff)", () => contests.YearAsync(year, null)),
            ("raw SQL: the same results", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT e.AwardLevel, e.AwardRank, COUNT(*) FROM ContestEntries e
                  WHERE e.AwardedOn >= '{from}' AND e.AwardedOn < '{to}' AND e.AwardLevel IS NOT NULL AND e.AwardRank IS NOT NULL GROUP BY 1, 2;
                SELECT e.ContestId, c.Title, c.Kind, c.Level, e.AwardRank, COUNT(*) FROM ContestEntries e JOIN Contests c ON c.Id = e.ContestId
                  WHERE e.AwardedOn >= '{from}' AND e.AwardedOn < '{to}' AND e.AwardLevel IS NOT NULL AND e.AwardRank IS NOT NULL GROUP BY 1, 5;
                SELECT e.ClubId, k.Name, e.AwardLevel, COUNT(*) FROM ContestEntries e JOIN Clubs k ON k.Id = e.ClubId
                  WHERE e.AwardedOn >= '{from}' AND e.AwardedOn < '{to}' AND e.AwardLevel IS NOT NULL AND e.AwardRank IS NOT NULL GROUP BY 1, 3;
                SELECT e.Id, e.ContestId, c.Title, e.RetireeId, e.ClubId, COALESCE(r.Name, k.Name), e.Title, e.AwardLevel, e.AwardRank, e.AwardedOn
                  FROM ContestEntries e JOIN Contests c ON c.Id = e.ContestId LEFT JOIN Retirees r ON r.Id = e.RetireeId LEFT JOIN Clubs k ON k.Id = e.ClubId
                  WHERE e.AwardedOn >= '{from}' AND e.AwardedOn < '{to}' AND e.AwardLevel IS NOT NULL AND e.AwardRank IS NOT NULL
                  ORDER BY e.AwardedOn DESC, e.Id DESC LIMIT 10;
                """)),
            ("contests: one unit's results (staff)", () => contests.YearAsync(year, unit)),
            ("raw SQL: the same results", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT e.AwardLevel, e.AwardRank, COUNT(*) FROM ContestEntries e JOIN Retirees r ON r.Id = e.RetireeId
                  WHERE e.AwardedOn >= '{from}' AND e.AwardedOn < '{to}' AND e.AwardLevel IS NOT NULL AND e.AwardRank IS NOT NULL AND r.UnitId = {unit} GROUP BY 1, 2;
                SELECT e.ContestId, c.Title, c.Kind, c.Level, e.AwardRank, COUNT(*) FROM ContestEntries e JOIN Contests c ON c.Id = e.ContestId JOIN Retirees r ON r.Id = e.RetireeId
                  WHERE e.AwardedOn >= '{from}' AND e.AwardedOn < '{to}' AND e.AwardLevel IS NOT NULL AND e.AwardRank IS NOT NULL AND r.UnitId = {unit} GROUP BY 1, 5;
                SELECT e.Id, e.ContestId, c.Title, e.RetireeId, r.Name, e.Title, e.AwardLevel, e.AwardRank, e.AwardedOn
                  FROM ContestEntries e JOIN Contests c ON c.Id = e.ContestId JOIN Retirees r ON r.Id = e.RetireeId
                  WHERE e.AwardedOn >= '{from}' AND e.AwardedOn < '{to}' AND e.AwardLevel IS NOT NULL AND e.AwardRank IS NOT NULL AND r.UnitId = {unit}
                  ORDER BY e.AwardedOn DESC, e.Id DESC LIMIT 10;
                """)),
            ("golden wedding: the eligible couples, first 300 (staff)", () => activities.EligibleCouplesAsync(goldenWedding)),
            ("raw SQL: the same list", () => BenchSupport.RawAsync(connectionString, $"""
                SELECT r.Id, r.Name, u.Name, r.SpouseName, r.MarriageDate FROM Retirees r JOIN Units u ON u.Id = r.UnitId
                WHERE NOT r.IsDeceased AND NOT r.SpouseIsDeceased AND r.MarriageDate IS NOT NULL AND r.MarriageDate <= '{marriedBy}' AND r.SpouseName <> ''
                  AND NOT EXISTS (SELECT 1 FROM Retirees s WHERE s.Name = r.SpouseName AND s.SpouseName = r.Name AND s.MarriageDate = r.MarriageDate AND s.IsDeceased)
                  AND NOT EXISTS (SELECT 1 FROM Retirees s WHERE s.Id < r.Id AND s.Name = r.SpouseName AND s.SpouseName = r.Name AND s.MarriageDate = r.MarriageDate
                                  AND NOT s.IsDeceased AND NOT s.SpouseIsDeceased)
                  AND NOT EXISTS (SELECT 1 FROM ActivityParticipants p JOIN Activities a ON a.Id = p.ActivityId
                                  WHERE p.RetireeId = r.Id AND (p.ActivityId = {goldenWedding} OR (p.Status = 3 AND a.Kind = 9)))
                  AND NOT EXISTS (SELECT 1 FROM Retirees s JOIN ActivityParticipants p ON p.RetireeId = s.Id JOIN Activities a ON a.Id = p.ActivityId
                                  WHERE s.Name = r.SpouseName AND s.SpouseName = r.Name AND s.MarriageDate = r.MarriageDate
                                    AND (p.ActivityId = {goldenWedding} OR (p.Status = 3 AND a.Kind = 9)))
                ORDER BY r.MarriageDate, r.NamePinyin, r.Id LIMIT 301;
                """)),
        };

        await BenchSupport.TimeAgainstRawAsync($"{retirees:N0} retirees, {classesPerTerm * 4:N0} classes", scenarios, iterations);
        BenchSupport.Delete(path);
    }

    /// <summary>
    /// City-wide contests are many times Qingyang's: <paramref name="wanted"/> judged entries by random living retirees
    /// over the demo's contests in the last two years, through one prepared statement.
    /// </summary>
    private static async Task TopUpEntriesAsync(string connectionString, int wanted, DateOnly today)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await connection.OpenAsync();
        var people = new List<long>();
        var contests = new List<long>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id FROM Retirees WHERE NOT IsDeceased; SELECT Id FROM Contests;";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                people.Add(reader.GetInt64(0));
            }

            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                contests.Add(reader.GetInt64(0));
            }
        }

        var random = new Random(11);
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO ContestEntries (ContestId, RetireeId, Title, AwardLevel, AwardRank, AwardedOn, CreatedAt, CreatedBy, Version)
            VALUES ($c, $r, '作品' || $i, $l, $k, $d, '2026-01-01 00:00:00', 'system', 0)
            """;
        var (c, r, l, k, d) = (insert.Parameters.Add("$c", Microsoft.Data.Sqlite.SqliteType.Integer), insert.Parameters.Add("$r", Microsoft.Data.Sqlite.SqliteType.Integer),
            insert.Parameters.Add("$l", Microsoft.Data.Sqlite.SqliteType.Integer), insert.Parameters.Add("$k", Microsoft.Data.Sqlite.SqliteType.Integer),
            insert.Parameters.Add("$d", Microsoft.Data.Sqlite.SqliteType.Text));
        var number = insert.Parameters.Add("$i", Microsoft.Data.Sqlite.SqliteType.Integer);
        await insert.PrepareAsync();
        for (var i = 0; i < wanted; i++)
        {
            number.Value = i;
            c.Value = contests[random.Next(contests.Count)];
            r.Value = people[random.Next(people.Count)];
            l.Value = random.Next(1, 6);
            k.Value = random.Next(1, 6);
            d.Value = today.AddDays(-random.Next(0, 700)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
