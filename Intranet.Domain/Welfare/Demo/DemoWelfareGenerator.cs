using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Domain.Welfare.Demo;

/// <summary>
/// A believable two years of welfare work over the demo register (this year to date and the year before), at the
/// rates of Qingyang's 2019 report scaled to the register's size: about 274 people visited a year per 3,600
/// retirees (Spring Festival and Double Ninth rounds for the very old and those in need, visits in illness), a
/// few dozen cases with monthly subsidies, medical relief and follow-ups, and a condolence visit for each death.
/// </summary>
public static class DemoWelfareGenerator
{
    private const int BatchSize = 2000;

    private static readonly string[] Officers = ["张丽", "王建华", "李敏", "陈静", "刘洋", "杨帆"];
    private static readonly string[] Visitors = ["张丽、王主任", "李敏、单位退管干部", "陈静、小组长", "区退管会 刘洋、杨帆"];
    private static readonly string[] Gifts = ["米、油", "慰问品", "鲜花、水果", "牛奶、蛋糕"];

    /// <summary>Inserts the welfare records, unless there are some already. Same register and same <paramref name="today"/> give the same records.</summary>
    public static async Task SeedAsync(IntranetDbContext db, DateOnly today, int seed = 2019, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<WelfareCase>().AnyAsync(cancellationToken) || await db.Set<Visit>().AnyAsync(cancellationToken)
            || await db.Set<VisitCampaign>().AnyAsync(cancellationToken) || await db.Set<MutualAidScheme>().AnyAsync(cancellationToken))
        {
            return;
        }

        var people = await db.Retirees.AsNoTracking()
            .Select(r => new Person(r.Id, r.UnitId, r.BirthDate, r.IsDeceased, r.DeathDate, r.CareCategories))
            .ToListAsync(cancellationToken);
        if (people.Count == 0)
        {
            return;
        }

        var random = new Random(seed);
        var cases = new List<WelfareCase>();
        var visits = new List<Visit>();
        var condolences = new List<CondolenceTask>();
        var campaigns = new List<(VisitCampaign Campaign, List<(Person Person, Visit? Visit)> Entries)>();
        foreach (var year in new[] { today.Year - 1, today.Year })
        {
            AddYear(people, year, today, random, cases, visits, condolences, campaigns);
        }

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // Cases with their follow-ups and payments first (each case's children go in with it), then the visits,
            // then the condolence tasks that point at their visits.
            await db.InsertInBatchesAsync(cases, 200, cancellationToken);

            var visitOfTask = condolences.ToDictionary(t => t, t => t.Visit);
            foreach (var task in condolences)
            {
                task.Visit = null;
            }

            await db.InsertInBatchesAsync(visits, BatchSize, cancellationToken);

            foreach (var task in condolences)
            {
                task.VisitId = visitOfTask[task]?.Id;
            }

            await db.InsertInBatchesAsync(condolences, BatchSize, cancellationToken);

            foreach (var (campaign, entries) in campaigns)
            {
                db.Add(campaign);
                await db.SaveChangesAsync(cancellationToken);
                await db.InsertInBatchesAsync(
                    entries.Select(e => new CampaignEntry { CampaignId = campaign.Id, RetireeId = e.Person.Id, UnitId = e.Person.UnitId, VisitId = e.Visit?.Id }),
                    BatchSize, cancellationToken);
            }

            await SeedAidAsync(db, people, today, random, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static void AddYear(
        List<Person> people, int year, DateOnly today, Random random, List<WelfareCase> cases, List<Visit> visits, List<CondolenceTask> condolences,
        List<(VisitCampaign, List<(Person, Visit?)>)> campaigns)
    {
        var yearEnd = new DateOnly(year, 12, 31) < today ? new DateOnly(year, 12, 31) : today;
        var alive = people.Where(p => !p.IsDeceased || p.DeathDate?.Year > year).ToList();
        var scale = people.Count / 3600.0;

        // Spring Festival (late January to mid February) and the Double Ninth (October): the very old and those in need.
        var inNeed = alive.Where(p => AgeOn(p, new DateOnly(year, 1, 1)) >= 85 || (p.Care & (CareCategories.Solitary | CareCategories.LostOnlyChild | CareCategories.Hardship | CareCategories.ExtremeHardship | CareCategories.SeriouslyIll)) != 0)
            .OrderBy(_ => random.Next()).ToList();
        // Each round is a campaign with its frozen list; this year's Double Ninth round is not quite finished.
        var festival = inNeed.Take((int)(190 * scale)).ToList();
        campaigns.Add((Campaign($"{year} 春节慰问", VisitOccasion.SpringFestival, new DateOnly(year, 1, 20), 25, 50_000),
            AddRound(festival, new DateOnly(year, 1, 20), 25, VisitOccasion.SpringFestival, yearEnd, random, visits, 50_000, 1.0)));
        var ninth = inNeed.Skip((int)(80 * scale)).Take((int)(150 * scale)).ToList();
        campaigns.Add((Campaign($"{year} 重阳节慰问", VisitOccasion.DoubleNinth, new DateOnly(year, 10, 8), 20, 30_000),
            AddRound(ninth, new DateOnly(year, 10, 8), 20, VisitOccasion.DoubleNinth, yearEnd, random, visits, 30_000, year == today.Year ? 0.85 : 1.0)));
        var ill = alive.Where(p => (p.Care & CareCategories.SeriouslyIll) != 0).OrderBy(_ => random.Next()).Take((int)(40 * scale)).ToList();
        AddRound(ill, new DateOnly(year, 3, 1), 270, VisitOccasion.Illness, yearEnd, random, visits, 20_000, 1.0);

        // Cases: monthly subsidies for the extremely poor, relief for heavy medical costs, community double care.
        var candidates = alive.Where(p => (p.Care & (CareCategories.ExtremeHardship | CareCategories.Hardship | CareCategories.SeriouslyIll | CareCategories.Solitary)) != 0)
            .OrderBy(_ => random.Next()).Take((int)Math.Max(3, 36 * scale)).ToList();
        foreach (var person in candidates)
        {
            var opened = new DateOnly(year, 1, 1).AddDays(random.Next(0, 200));
            if (opened > today)
            {
                continue;
            }

            var type = (person.Care & (CareCategories.ExtremeHardship | CareCategories.Hardship)) != 0 ? CaseType.HardshipSubsidy
                : (person.Care & CareCategories.SeriouslyIll) != 0 ? CaseType.MedicalRelief : CaseType.DoubleCare;
            var welfareCase = new WelfareCase
            {
                RetireeId = person.Id, Type = type, OpenedOn = opened, Officer = Officers[random.Next(Officers.Length)],
                Reason = type switch
                {
                    CaseType.HardshipSubsidy => "家庭收入低，配偶无工作，生活困难",
                    CaseType.MedicalRelief => "长期患病，医疗费自付部分负担重",
                    _ => "独居高龄，需街道、社区共同关爱",
                },
                CommunityContact = type == CaseType.DoubleCare ? "社区网格员 周敏" : null,
                Status = CaseStatus.Active,
            };
            // A case runs until it is closed, into this year if it was opened last year.
            var end = today;
            if (random.Next(3) == 0 && opened.AddDays(120) < yearEnd)
            {
                end = opened.AddDays(120);
                welfareCase.Status = CaseStatus.Closed;
                welfareCase.ClosedOn = end;
                welfareCase.ClosingReason = "困难解除";
            }

            for (var month = opened.AddDays(7); month <= end; month = month.AddMonths(type == CaseType.HardshipSubsidy ? 1 : 4))
            {
                welfareCase.Payments.Add(new CasePayment
                {
                    RetireeId = person.Id, PaidOn = month, ApprovedBy = "王主任",
                    AmountFen = type == CaseType.HardshipSubsidy ? 30_000 : type == CaseType.MedicalRelief ? random.Next(10, 60) * 10_000 : 20_000,
                });
                welfareCase.FollowUps.Add(new CaseFollowUp { RetireeId = person.Id, Date = month, Note = "电话回访，情况稳定" });
            }

            if (welfareCase.Status != CaseStatus.Closed)
            {
                // The next follow-up five weeks after the last: cases followed up every few months have slipped past it.
                welfareCase.NextFollowUpOn = (welfareCase.FollowUps.LastOrDefault()?.Date ?? opened).AddDays(35);
            }

            cases.Add(welfareCase);
        }

        // A condolence visit to the family of each teacher who died this year; the latest few still waiting.
        foreach (var person in people.Where(p => p.IsDeceased && p.DeathDate?.Year == year))
        {
            var task = new CondolenceTask { RetireeId = person.Id, DeathDate = person.DeathDate };
            var visitedOn = person.DeathDate!.Value.AddDays(random.Next(1, 6));
            if (visitedOn < today.AddDays(-14))
            {
                var visit = new Visit
                {
                    RetireeId = person.Id, VisitedOn = visitedOn, Occasion = VisitOccasion.Condolence, Visitors = Visitors[random.Next(Visitors.Length)],
                    Gift = "花圈", AmountFen = 100_000, Notes = "向家属转达单位和区退管会的哀悼",
                };
                visits.Add(visit);
                task.Visit = visit;
            }

            condolences.Add(task);
        }
    }

    /// <summary>Each year's two schemes with about two in five enrolled and a few claims, and the annual health check.</summary>
    private static async Task SeedAidAsync(IntranetDbContext db, List<Person> people, DateOnly today, Random random, CancellationToken cancellationToken)
    {
        foreach (var year in new[] { today.Year - 1, today.Year })
        {
            var alive = people.Where(p => !p.IsDeceased || p.DeathDate?.Year > year).ToList();
            var paidOn = new DateOnly(year, 3, 15) < today ? new DateOnly(year, 3, 15) : today;
            foreach (var (name, fee) in new[] { ("住院补充医疗互助保障", 12_000L), ("大病互助保障", 6_000L) })
            {
                var scheme = new MutualAidScheme { Year = year, Name = name, FeeFen = fee };
                db.Add(scheme);
                await db.SaveChangesAsync(cancellationToken);
                var enrolled = alive.Where(_ => random.Next(5) < 2)
                    .Select(p => new SchemeEnrolment { SchemeId = scheme.Id, RetireeId = p.Id, FeePaidFen = fee, PaidOn = paidOn.AddDays(-random.Next(0, 30)) })
                    .ToList();
                await db.InsertInBatchesAsync(enrolled, BatchSize, cancellationToken);

                var claims = enrolled.Where(_ => random.Next(25) == 0).Select(e =>
                {
                    var on = e.PaidOn.AddDays(random.Next(10, 250));
                    on = on > today ? today : on;
                    var status = on < today.AddDays(-30) ? (random.Next(6) == 0 ? ClaimStatus.Refused : ClaimStatus.Paid) : ClaimStatus.Submitted;
                    return new SchemeClaim
                    {
                        EnrolmentId = e.Id, RetireeId = e.RetireeId, ClaimedOn = on, AmountFen = random.Next(5, 80) * 10_000, Status = status,
                        DecidedOn = status == ClaimStatus.Submitted ? null : on.AddDays(20),
                    };
                }).ToList();
                db.AddRange(claims);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }

            // The check is in spring; this year's is over by now for most, a few missed it.
            var checkDay = new DateOnly(year, 4, 10);
            var checks = alive.Select(p =>
            {
                var roll = random.Next(10);
                var status = checkDay > today ? HealthCheckStatus.Planned : roll == 0 ? HealthCheckStatus.Missed : HealthCheckStatus.Done;
                return new HealthCheck
                {
                    RetireeId = p.Id, Year = year, Status = status,
                    CheckedOn = status == HealthCheckStatus.Done ? checkDay.AddDays(random.Next(0, 40)) is var d && d <= today ? d : today : null,
                    Note = status == HealthCheckStatus.Done && roll == 1 ? "建议复查" : null,
                };
            }).ToList();
            await db.InsertInBatchesAsync(checks, BatchSize, cancellationToken);
        }
    }

    private static VisitCampaign Campaign(string name, VisitOccasion occasion, DateOnly from, int days, long fen) => new()
    {
        Name = name, Occasion = occasion, StartsOn = from, EndsOn = from.AddDays(days), Cohort = "85岁及以上；孤寡、失独、困难、重病", Gift = "米、油", AmountFen = fen,
    };

    /// <summary>Visits for the people of a round (a share <paramref name="done"/> of them), each person with their visit or none.</summary>
    private static List<(Person, Visit?)> AddRound(
        List<Person> people, DateOnly from, int days, VisitOccasion occasion, DateOnly until, Random random, List<Visit> visits, long fen, double done)
    {
        var round = new List<(Person, Visit?)>();
        foreach (var person in people)
        {
            var on = from.AddDays(random.Next(0, days));
            if (on > until || (person.DeathDate is { } died && on > died) || random.NextDouble() > done)
            {
                round.Add((person, null));
                continue;
            }

            var visit = new Visit
            {
                RetireeId = person.Id, VisitedOn = on, Occasion = occasion, Visitors = Visitors[random.Next(Visitors.Length)],
                Gift = Gifts[random.Next(Gifts.Length)], AmountFen = fen,
            };
            visits.Add(visit);
            round.Add((person, visit));
        }

        return round;
    }

    private static int AgeOn(Person person, DateOnly day) => Retiree.AgeOn(person.BirthDate, day);

    private sealed record Person(int Id, int UnitId, DateOnly BirthDate, bool IsDeceased, DateOnly? DeathDate, CareCategories Care);
}
