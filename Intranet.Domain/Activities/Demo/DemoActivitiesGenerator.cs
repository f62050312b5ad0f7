using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Domain.Activities.Demo;

/// <summary>
/// A believable two years of activities over the demo register (last year and this year to date, with what is
/// planned for the rest of it), at Qingyang's scale: a few forums and a "three looks" outing, home-coming days
/// organised by about a quarter of the units, the monthly study of group leaders and branch secretaries, officer
/// training, the micro party school each quarter, network-group gatherings, the Double Ninth celebration, and a
/// golden-wedding celebration each year for couples married 50 years on its day. People are drawn from those alive
/// on the day; attendance is marked only for what has taken place.
/// </summary>
public static class DemoActivitiesGenerator
{
    private const int BatchSize = 2000;

    private static readonly string[] Places = ["区教育局三楼会议室", "区退管会活动室", "青羊区老年大学礼堂", "杜甫草堂", "浣花溪公园", "区委党校报告厅"];

    /// <summary>Inserts the activities, unless there are some already. Same register and same <paramref name="today"/> give the same records.</summary>
    public static async Task SeedAsync(IntranetDbContext db, DateOnly today, int seed = 2019, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<Activity>().AnyAsync(cancellationToken))
        {
            return;
        }

        var people = await db.Retirees.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new Person(r.Id, r.UnitId, r.Name, r.IsDeceased, r.DeathDate, r.SpouseName, r.MarriageDate, r.SpouseIsDeceased))
            .ToListAsync(cancellationToken);
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        if (people.Count == 0 || units.Count == 0)
        {
            return;
        }

        var random = new Random(seed);
        var scale = Math.Max(people.Count / 3600.0, 0.05);
        var plan = new List<(Activity Activity, List<(Person Person, ParticipationStatus Status)> People)>();
        var celebrated = new HashSet<(string, string, DateOnly)>();
        foreach (var year in new[] { today.Year - 1, today.Year })
        {
            void Add(ActivityKind kind, string title, DateOnly date, int? unitId, int invite, int guests, Func<Person, bool>? who = null)
            {
                var activity = new Activity
                {
                    Kind = kind, Title = title, Date = date, OrganiserUnitId = unitId, Place = Places[random.Next(Places.Length)],
                    GuestCount = date <= today ? guests : 0,
                };
                var pool = people.Where(p => AliveOn(p, date) && (who is null || who(p)));
                var chosen = pool.OrderBy(_ => random.Next()).Take(Math.Max(1, (int)(invite * (unitId is null ? scale : 1)))).ToList();
                plan.Add((activity, [.. chosen.Select(p => (p, Status(date, today, random)))]));
            }

            Add(ActivityKind.Forum, $"{year}年新春老干部座谈会", new DateOnly(year, 2, 20), null, 40, 8);
            Add(ActivityKind.Forum, $"{year}年退休教师代表座谈会", new DateOnly(year, 6, 18), null, 30, 5);
            Add(ActivityKind.Forum, $"{year}年教育发展情况通报会", new DateOnly(year, 11, 26), null, 40, 6);
            Add(ActivityKind.ThreeLooks, $"{year}年“三看”活动（看学校、看社区、看发展）", new DateOnly(year, 5, 14), null, 45, 4);
            Add(ActivityKind.OfficerTraining, $"{year}年退管骨干培训班", new DateOnly(year, 4, 9), null, 35, 3);
            foreach (var month in new[] { 3, 6, 9, 12 })
            {
                Add(ActivityKind.MicroPartySchool, $"{year}年微党校第{(month / 3)}讲", new DateOnly(year, month, 12), null, 30, 0);
            }

            foreach (var month in new[] { 1, 2, 3, 4, 5, 6, 9, 10, 11, 12 })
            {
                Add(ActivityKind.MonthlyStudy, $"{year}年{month}月组长、支部书记学习", new DateOnly(year, month, 8), null, 25, 0);
            }

            foreach (var month in new[] { 4, 7, 11 })
            {
                Add(ActivityKind.NetworkGroup, $"{year}年网络小组联谊（{month}月）", new DateOnly(year, month, 22), null, 15, 2);
            }

            var ninth = DoubleNinth(year);
            Add(ActivityKind.DoubleNinth, $"{year}年重阳节庆祝大会", ninth, null, 120, 60);

            // Home-coming days: about a quarter of the units each year, each for its own people.
            foreach (var unit in units.Where((_, i) => (i + year) % 4 == 0))
            {
                var day = new DateOnly(year, random.Next(2) == 0 ? 5 : 10, random.Next(1, 28));
                Add(ActivityKind.HomeComing, $"{unit.Name}退休教师回娘家", day, unit.Id, random.Next(10, 30), random.Next(0, 6), p => p.UnitId == unit.Id);
            }

            // The golden-wedding celebration: couples married 50 years on its day, once each, not celebrated before.
            var golden = new DateOnly(year, 9, 26);
            var marriedBy = golden.AddYears(-50);
            var listed = new HashSet<(string, string, DateOnly)>();
            var couples = new List<(Person Person, ParticipationStatus Status)>();
            foreach (var p in people.Where(p => AliveOn(p, golden) && !p.SpouseIsDeceased && p.MarriageDate is { } m && m <= marriedBy && !string.IsNullOrEmpty(p.SpouseName))
                         .OrderBy(p => p.MarriageDate).ThenBy(p => p.Id))
            {
                // A couple both in the register is one couple.
                var key = Couple(p);
                if (!listed.Add(key) || celebrated.Contains(key))
                {
                    continue;
                }

                if (couples.Count < (int)Math.Max(8, 36 * scale) && random.Next(3) == 0)
                {
                    var status = Status(golden, today, random);
                    couples.Add((p, status));
                    if (status == ParticipationStatus.Attended)
                    {
                        celebrated.Add(key);
                    }
                }
            }

            plan.Add((new Activity
            {
                Kind = ActivityKind.GoldenWedding, Title = $"{year}年金婚庆典", Date = golden, Place = "青羊区老年大学礼堂",
                GuestCount = golden <= today ? 40 : 0, Note = "为结婚满 50 年的退休教师夫妇举办，子女亲属随同参加。",
            }, couples));
        }

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.InsertInBatchesAsync(plan.Select(p => p.Activity), BatchSize, cancellationToken);
            await db.InsertInBatchesAsync(
                plan.SelectMany(p => p.People.Select(x => new ActivityParticipant
                {
                    ActivityId = p.Activity.Id, RetireeId = x.Person.Id, Status = x.Status,
                    SpouseName = p.Activity.Kind == ActivityKind.GoldenWedding ? x.Person.SpouseName : null,
                })),
                BatchSize, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static (string, string, DateOnly) Couple(Person p) =>
        string.CompareOrdinal(p.Name, p.SpouseName) < 0 ? (p.Name, p.SpouseName!, p.MarriageDate!.Value) : (p.SpouseName!, p.Name, p.MarriageDate!.Value);

    private static bool AliveOn(Person p, DateOnly day) => !p.IsDeceased || (p.DeathDate is { } died && died > day);

    /// <summary>Past: most came, a few sent regrets; to come: invited, some confirmed.</summary>
    private static ParticipationStatus Status(DateOnly date, DateOnly today, Random random) =>
        date <= today
            ? random.Next(10) < 9 ? ParticipationStatus.Attended : ParticipationStatus.Declined
            : random.Next(3) == 0 ? ParticipationStatus.Confirmed : ParticipationStatus.Invited;

    /// <summary>The ninth day of the ninth lunar month, for the years the demo covers; mid-October otherwise.</summary>
    private static DateOnly DoubleNinth(int year) => year switch
    {
        2024 => new DateOnly(2024, 10, 11),
        2025 => new DateOnly(2025, 10, 29),
        2026 => new DateOnly(2026, 10, 18),
        2027 => new DateOnly(2027, 10, 8),
        2028 => new DateOnly(2028, 10, 26),
        _ => new DateOnly(year, 10, 15),
    };

    private sealed record Person(int Id, int UnitId, string Name, bool IsDeceased, DateOnly? DeathDate, string? SpouseName, DateOnly? MarriageDate, bool SpouseIsDeceased);
}
