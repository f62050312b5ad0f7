using Intranet.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Domain.Contests.Demo;

/// <summary>
/// Clubs, troupes and two years of contests (last year and this year to date) over the demo register, at the figures of
/// Qingyang's 2019 report: three art troupes winning 5 national, 11 provincial, 7 city and 3 district awards, and a
/// calligraphy, photography and essay contest within the system giving 24 first, 40 second and 100 third prizes.
/// </summary>
public static class DemoContestsGenerator
{
    private const int BatchSize = 2000;

    private static readonly (string Name, ClubKind Kind, string Leader, string Meets, int Members)[] Clubs =
    [
        ("老教师合唱艺术团", ClubKind.Troupe, "周秀英", "每周二、周四上午 区老年大学音乐教室", 45),
        ("老教师舞蹈艺术团", ClubKind.Troupe, "陈丽华", "每周三上午 文化宫排练厅", 30),
        ("老教师民乐艺术团", ClubKind.Troupe, "王德明", "每周五下午 区老年大学器乐室", 25),
        ("翰墨书画社", ClubKind.Club, "李文博", "每周一下午 退管会活动室", 40),
        ("光影摄影沙龙", ClubKind.Salon, "张建国", "每月第一个周六 户外采风", 30),
        ("太极拳健身社", ClubKind.Club, "刘桂芳", "每天早上 人民公园", 50),
    ];

    private static readonly string[] TroupeWorks =
        ["《我和我的祖国》", "《春天的故事》", "《在希望的田野上》", "《茉莉花》", "《彩云追月》", "《红梅赞》", "《丰收锣鼓》", "《长江之歌》", "《映山红》", "《金蛇狂舞》"];

    private static readonly string[] Subjects = ["春", "师恩", "家乡", "夕阳红", "桃李", "锦城", "岁月", "初心"];

    /// <summary>Inserts the clubs and contests, unless there are some already. Same register and same <paramref name="today"/> give the same records.</summary>
    public static async Task SeedAsync(IntranetDbContext db, DateOnly today, int seed = 2019, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<Club>().AnyAsync(cancellationToken) || await db.Set<Contest>().AnyAsync(cancellationToken))
        {
            return;
        }

        var living = await db.Retirees.AsNoTracking().Where(r => !r.IsDeceased)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.BirthDate }).ToListAsync(cancellationToken);
        if (living.Count == 0)
        {
            return;
        }

        var random = new Random(seed);
        // Qingyang's register, deceased included, is the 1.0 of the report's figures.
        var scale = Math.Min(1.0, await db.Retirees.CountAsync(cancellationToken) / 3600.0);
        var younger = living.Where(p => p.BirthDate > today.AddYears(-85)).Select(p => p.Id).ToList();
        if (younger.Count == 0)
        {
            younger = [.. living.Select(p => p.Id)];
        }

        var clubs = Clubs.Select(c => new Club
        {
            Name = c.Name, Kind = c.Kind, Leader = c.Leader, Meets = c.Meets, FoundedOn = new DateOnly(2005 + random.Next(0, 12), 3 + random.Next(0, 6), 1),
        }).ToList();
        var contests = new List<Contest>();
        var entries = new List<(Contest Contest, ContestEntry Entry)>();
        foreach (var year in new[] { today.Year - 1, today.Year })
        {
            AddYear(year, today, random, clubs.Where(c => c.Kind == ClubKind.Troupe).ToList(), younger, scale, contests, entries);
        }

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.InsertInBatchesAsync(clubs, BatchSize, cancellationToken);
            await db.InsertInBatchesAsync(contests, BatchSize, cancellationToken);

            var members = new List<ClubMember>();
            for (var i = 0; i < clubs.Count; i++)
            {
                var count = Math.Min(younger.Count, Math.Max(3, (int)(Clubs[i].Members * scale)));
                foreach (var (retireeId, n) in younger.OrderBy(_ => random.Next()).Take(count).Select((id, n) => (id, n)))
                {
                    var joined = (clubs[i].FoundedOn ?? new DateOnly(2010, 1, 1)).AddDays(random.Next(0, 3000));
                    members.Add(new ClubMember
                    {
                        ClubId = clubs[i].Id, RetireeId = retireeId, JoinedOn = joined < today ? joined : today,
                        Role = n == 0 ? "团长" : n == 1 ? "副团长" : null,
                        LeftOn = n > 2 && random.Next(12) == 0 ? today.AddDays(-random.Next(30, 400)) : null,
                    });
                }
            }

            foreach (var member in members.Where(m => m.LeftOn < m.JoinedOn))
            {
                member.LeftOn = null;
            }

            await db.InsertInBatchesAsync(members, BatchSize, cancellationToken);
            foreach (var (contest, entry) in entries)
            {
                entry.ContestId = contest.Id;
                entry.Contest = null;
                entry.ClubId = entry.Club?.Id ?? entry.ClubId;
                entry.Club = null;
            }

            await db.InsertInBatchesAsync(entries.Select(e => e.Entry), BatchSize, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static void AddYear(
        int year, DateOnly today, Random random, List<Club> troupes, List<int> people, double scale, List<Contest> contests, List<(Contest, ContestEntry)> entries)
    {
        // The system's own contest in spring: calligraphy and painting, photography, essays; results in early June.
        var internalKinds = new[] { (ContestKind.CalligraphyPainting, "书画"), (ContestKind.Photography, "摄影"), (ContestKind.Essay, "征文") };
        var prizes = new[] { (AwardRank.First, 24), (AwardRank.Second, 40), (AwardRank.Third, 100), (AwardRank.Participation, 0) };
        var start = new DateOnly(year, 3, 1);
        var results = new DateOnly(year, 6, 5);
        if (results <= today)
        {
            var own = internalKinds.Select(k => Add(contests, $"{year}年“{Subjects[year % Subjects.Length]}”退休教师{k.Item2}比赛", k.Item1, AwardLevel.Internal, "区教育局退管会", start, results)).ToList();
            var pool = people.OrderBy(_ => random.Next()).ToList();
            var next = 0;
            var i = 0;
            foreach (var (rank, count) in prizes)
            {
                // A few more entries than prizes: the rest were entered but not awarded.
                var n = rank == AwardRank.Participation ? Math.Max(2, (int)(30 * scale)) : Math.Max(1, (int)Math.Round(count * Math.Max(scale, 0.05)));
                for (var k = 0; k < n && next < pool.Count; k++, i++)
                {
                    var contest = own[i % own.Count];
                    var entry = new ContestEntry
                    {
                        RetireeId = pool[next++], Title = $"《{Subjects[random.Next(Subjects.Length)]}》之{k + 1}",
                    };
                    if (rank != AwardRank.Participation)
                    {
                        (entry.AwardLevel, entry.AwardRank, entry.AwardedOn) = (AwardLevel.Internal, rank, results);
                    }

                    entries.Add((contest, entry));
                }
            }
        }

        // The troupes' year: 5 national, 11 provincial, 7 city and 3 district awards, each contest's results on its last day.
        var rounds = new (string Title, ContestKind Kind, AwardLevel Level, string Organiser, int Month, int Awards)[]
        {
            ($"{year}年全国老年合唱节", ContestKind.Chorus, AwardLevel.National, "中国老年大学协会", 9, 3),
            ($"{year}年全国老年文艺展演", ContestKind.Performance, AwardLevel.National, "中国老年人体育协会", 10, 2),
            ($"{year}年四川省老年艺术节", ContestKind.Performance, AwardLevel.Provincial, "四川省老干部局", 5, 6),
            ($"{year}年四川省老年合唱大赛", ContestKind.Chorus, AwardLevel.Provincial, "四川省老年大学协会", 8, 5),
            ($"{year}年成都市老年文艺汇演", ContestKind.Performance, AwardLevel.City, "成都市文化广电旅游局", 7, 7),
            ($"{year}年区教育系统退休教师健身展示", ContestKind.Fitness, AwardLevel.District, "区教育局", 4, 3),
        };
        var work = 0;
        foreach (var round in rounds)
        {
            var ends = new DateOnly(year, round.Month, 20);
            if (ends > today)
            {
                continue;
            }

            var contest = Add(contests, round.Title, round.Kind, round.Level, round.Organiser, new DateOnly(year, round.Month, 1), ends);
            for (var k = 0; k < round.Awards; k++)
            {
                var rank = k == 0 ? AwardRank.First : k < 3 ? AwardRank.Second : AwardRank.Third;
                entries.Add((contest, new ContestEntry
                {
                    Club = troupes[k % troupes.Count], Title = TroupeWorks[work++ % TroupeWorks.Length],
                    AwardLevel = round.Level, AwardRank = rank, AwardedOn = ends,
                }));
            }
        }
    }

    private static Contest Add(List<Contest> contests, string title, ContestKind kind, AwardLevel level, string organiser, DateOnly starts, DateOnly ends)
    {
        var contest = new Contest { Title = title, Kind = kind, Level = level, Organiser = organiser, StartsOn = starts, EndsOn = ends };
        contests.Add(contest);
        return contest;
    }
}
