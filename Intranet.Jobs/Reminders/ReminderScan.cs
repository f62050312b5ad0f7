using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Reminders;
using Intranet.Domain.University;
using Intranet.Domain.Welfare;
using Intranet.Jobs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Intranet.Jobs.Reminders;

/// <summary>
/// The daily scan: raises every reminder whose occasion falls between a few days ago and its lead time ahead, closes
/// those that no longer apply, and after downtime counts in one line what is too old to raise one by one. It reads
/// with the system scope (every unit) and writes in short batches, each its own transaction, so people's saves go on
/// while it runs; the reminders' natural key makes a second run — here or on another server — raise nothing twice.
/// </summary>
public sealed class ReminderScan(
    IDbContextFactory<IntranetDbContext> dbFactory,
    IOptions<ReminderOptions> options,
    ILogger<ReminderScan> logger) : IScheduledJob
{
    private const int BatchSize = 500;

    /// <summary>
    /// A pause between write batches. SQLite has one writer at a time, and a save that finds the database busy sleeps
    /// about 150 ms before it tries again (Microsoft.Data.Sqlite's retry): batches back to back would starve a person's
    /// save for the whole insert. A daily scan writes one batch and never waits; only a backlog pays this.
    /// </summary>
    private static readonly TimeSpan BatchPause = TimeSpan.FromMilliseconds(200);

    private static readonly AccessScope Scope = AccessScope.System;

    public async Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pass = new Pass(options.Value, context.OfficeDay, context.LastSuccessfulDay);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await BirthdaysAsync(db, pass, cancellationToken);
            await AnniversariesAsync(db, pass, cancellationToken);
            await HealthChecksAsync(db, pass, cancellationToken);
            await FollowUpsAsync(db, pass, cancellationToken);
            await CondolencesAsync(db, pass, cancellationToken);
            await ClassesAsync(db, pass, cancellationToken);
            await HolidaysAsync(db, pass, cancellationToken);
        }

        pass.Summarise();
        var raised = await InsertNewAsync(pass.Candidates, cancellationToken);
        var closed = await CloseStaleAsync(pass.Today, cancellationToken);

        var byKind = raised.GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key.Label()} {g.Count()}");
        var summary = raised.Count == 0 ? "没有新的提醒" : "新增：" + string.Join("、", byKind);
        if (closed > 0)
        {
            summary += $"；自动关闭 {closed} 条";
        }

        if (pass.MissedTotal > 0)
        {
            summary += $"；停机期间错过 {pass.MissedTotal} 条，已汇总为一条";
        }

        return new JobOutcome(raised.Count, closed, summary);
    }

    private static async Task BirthdaysAsync(IntranetDbContext db, Pass pass, CancellationToken cancellationToken)
    {
        var rules = pass.Options.Birthdays;
        var (start, end) = pass.Range(ReminderKind.Birthday, rules.LeadDays);
        var bornBy = end.AddYears(-rules.YoungestAge);
        var people = Scope.Apply(db.Retirees.AsNoTracking())
            .Where(r => !r.IsDeceased && r.BirthDate <= bornBy)
            .Select(r => new { r.Id, r.BirthDate, r.BirthdayIsLunar });
        await foreach (var person in people.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var lunar = person.BirthdayIsLunar ? ChineseDates.ToLunar(person.BirthDate) : null;
            foreach (var (day, age) in Birthdays(person.BirthDate, lunar, start, end))
            {
                if (!rules.Raises(age))
                {
                    continue;
                }

                var notes = new List<string>(2);
                if (rules.IsMilestone(age))
                {
                    notes.Add("整寿");
                }

                if (lunar is { } l)
                {
                    notes.Add($"农历{l}");
                }

                var detail = notes.Count == 0 ? $"{age} 岁生日" : $"{age} 岁生日（{string.Join("，", notes)}）";
                pass.Offer(ReminderKind.Birthday, person.Id, day, day, person.Id, detail);
            }
        }
    }

    /// <summary>The birthdays between two days, with the age turned: by the solar date, or by the lunar one where kept.</summary>
    internal static IEnumerable<(DateOnly Day, int Age)> Birthdays(DateOnly birthDate, LunarDate? lunar, DateOnly start, DateOnly end)
    {
        if (lunar is { } birth)
        {
            // A lunar year starts in January or February, so its birthdays can fall in the next solar year.
            for (var year = start.Year - 1; year <= end.Year; year++)
            {
                if (ChineseDates.BirthdayIn(birth, year) is { } day && day >= start && day <= end)
                {
                    yield return (day, year - birth.Year);
                }
            }

            yield break;
        }

        for (var year = start.Year; year <= end.Year; year++)
        {
            var day = ChineseDates.SolarAnniversary(birthDate, year);
            if (day >= start && day <= end && year > birthDate.Year)
            {
                yield return (day, year - birthDate.Year);
            }
        }
    }

    private static async Task AnniversariesAsync(IntranetDbContext db, Pass pass, CancellationToken cancellationToken)
    {
        var first = pass.Options.FirstAnniversary;
        var (start, end) = pass.Range(ReminderKind.WeddingAnniversary, pass.Options.AnniversaryLeadDays);
        var marriedBy = end.AddYears(-first);
        var everyone = db.Retirees.AsNoTracking();

        // Both alive (a spouse in the register recorded dead there counts too), and a couple both in the register once,
        // under the lower id — the same couple rule as the golden-wedding celebration.
        var couples = Scope.Apply(db.Retirees.AsNoTracking())
            .Where(r => !r.IsDeceased && !r.SpouseIsDeceased && r.MarriageDate != null && r.MarriageDate <= marriedBy
                && r.SpouseName != null && r.SpouseName != string.Empty)
            .Where(r => !everyone.Any(s => s.Name == r.SpouseName && s.SpouseName == r.Name && s.MarriageDate == r.MarriageDate
                && (s.IsDeceased || (s.Id < r.Id && !s.SpouseIsDeceased))))
            .Select(r => new { r.Id, Married = r.MarriageDate!.Value });
        await foreach (var couple in couples.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            for (var year = start.Year; year <= end.Year; year++)
            {
                var day = ChineseDates.SolarAnniversary(couple.Married, year);
                var years = year - couple.Married.Year;
                if (day >= start && day <= end && years >= first)
                {
                    var name = years switch { 50 => "（金婚）", 60 => "（钻石婚）", 70 => "（白金婚）", _ => string.Empty };
                    pass.Offer(ReminderKind.WeddingAnniversary, couple.Id, day, day, couple.Id, $"结婚 {years} 周年{name}");
                }
            }
        }
    }

    private static async Task HealthChecksAsync(IntranetDbContext db, Pass pass, CancellationToken cancellationToken)
    {
        // Due a year after the last check done.
        var (start, end) = pass.Range(ReminderKind.HealthCheckDue, pass.Options.HealthCheckLeadDays);
        var lastFrom = start.AddYears(-1).AddDays(-1);
        var lastTo = end.AddYears(-1);
        var checks = Scope.Apply(db.Set<HealthCheck>().AsNoTracking());
        var lastChecks = checks
            .Where(h => h.Status == HealthCheckStatus.Done && h.CheckedOn != null && !h.Retiree!.IsDeceased)
            .GroupBy(h => h.RetireeId)
            .Select(g => new { RetireeId = g.Key, Last = g.Max(h => h.CheckedOn)!.Value })
            .Where(g => g.Last >= lastFrom && g.Last <= lastTo);
        await foreach (var person in lastChecks.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var due = ChineseDates.SolarAnniversary(person.Last, person.Last.Year + 1);
            if (due >= start && due <= end)
            {
                pass.Offer(ReminderKind.HealthCheckDue, person.RetireeId, due, due, person.RetireeId, $"上次体检 {person.Last:yyyy-MM-dd}，已满一年");
            }
        }

        // Missed this year's or last year's check, and none done since: arrange another.
        var thisYear = pass.Today.Year;
        var missed = checks
            .Where(h => h.Status == HealthCheckStatus.Missed && h.Year >= thisYear - 1 && !h.Retiree!.IsDeceased
                && !db.Set<HealthCheck>().Any(d => d.RetireeId == h.RetireeId && d.Status == HealthCheckStatus.Done && d.Year >= h.Year))
            .Select(h => new { h.Id, h.RetireeId, h.Year });
        await foreach (var check in missed.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            pass.Offer(ReminderKind.HealthCheckMissed, check.Id, new DateOnly(check.Year, 1, 1), pass.Today, check.RetireeId,
                $"{check.Year} 年度体检未参加，请联系补检");
        }
    }

    private static async Task FollowUpsAsync(IntranetDbContext db, Pass pass, CancellationToken cancellationToken)
    {
        // Due and overdue alike: an open case's follow-up stays work to do however late.
        var until = pass.Today.AddDays(pass.Options.FollowUpLeadDays);
        var cases = Scope.Apply(db.Set<WelfareCase>().AsNoTracking())
            .Where(c => c.Status != CaseStatus.Closed && c.NextFollowUpOn != null && c.NextFollowUpOn <= until && !c.Retiree!.IsDeceased)
            .Select(c => new { c.Id, c.RetireeId, Next = c.NextFollowUpOn!.Value, c.Type, c.Officer });
        await foreach (var c in cases.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            pass.Offer(ReminderKind.CaseFollowUp, c.Id, c.Next, c.Next, c.RetireeId, $"{EnumLabel.Of(c.Type)}个案回访（责任人 {c.Officer}）");
        }
    }

    private static async Task CondolencesAsync(IntranetDbContext db, Pass pass, CancellationToken cancellationToken)
    {
        // The welfare area raises the condolence task when the death is recorded; this is that same task in the inbox,
        // keyed by the person, so there is one reminder however the death was recorded.
        var tasks = Scope.Apply(db.Set<CondolenceTask>().AsNoTracking())
            .Where(t => t.VisitId == null)
            .Select(t => new { t.RetireeId, t.DeathDate, t.CreatedAt });
        await foreach (var task in tasks.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var died = task.DeathDate ?? DateOnly.FromDateTime(task.CreatedAt);
            var detail = task.DeathDate is { } d ? $"吊唁慰问家属（{d:yyyy-MM-dd} 去世）" : "吊唁慰问家属";
            pass.Offer(ReminderKind.Condolence, task.RetireeId, died, died, task.RetireeId, detail);
        }
    }

    private static async Task ClassesAsync(IntranetDbContext db, Pass pass, CancellationToken cancellationToken)
    {
        var (start, end) = pass.Range(ReminderKind.ClassStarting, pass.Options.ClassLeadDays);
        var enrolments = db.Set<Enrolment>().AsNoTracking().Where(e => e.Retiree == null || !e.Retiree.IsDeceased);
        var classes = db.Set<UniversityClass>().AsNoTracking()
            .Where(c => c.StartsOn >= start && c.StartsOn <= end)
            .Select(c => new
            {
                c.Id, c.Name, c.StartsOn, c.Place,
                Enrolled = enrolments.Count(e => e.ClassId == c.Id && e.Status == EnrolmentStatus.Enrolled),
                Waiting = enrolments.Count(e => e.ClassId == c.Id && e.Status == EnrolmentStatus.Waiting),
            });
        await foreach (var c in classes.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var place = string.IsNullOrEmpty(c.Place) ? string.Empty : $"，{c.Place}";
            pass.Offer(ReminderKind.ClassStarting, c.Id, c.StartsOn, c.StartsOn, null, $"{c.Name}开班{place}：在读 {c.Enrolled} 人，候补 {c.Waiting} 人");
        }
    }

    private static async Task HolidaysAsync(IntranetDbContext db, Pass pass, CancellationToken cancellationToken)
    {
        var rules = pass.Options.Holidays;
        var (start, end) = pass.Range(ReminderKind.HolidayVisit, rules.LeadDays);
        for (var year = start.Year - 1; year <= end.Year; year++)
        {
            foreach (var (occasion, day) in new[] { (VisitOccasion.SpringFestival, ChineseDates.SpringFestival(year)), (VisitOccasion.DoubleNinth, ChineseDates.DoubleNinth(year)) })
            {
                if (day is not { } festival || festival < start || festival > end)
                {
                    continue;
                }

                // A campaign for this festival already made by hand: nothing to offer.
                if (await HolidayCampaigns.For(db.Set<VisitCampaign>(), occasion, festival).AnyAsync(cancellationToken))
                {
                    continue;
                }

                var people = await HolidayCampaigns.Cohort(db.Retirees.AsNoTracking(), rules, pass.Today).CountAsync(cancellationToken);
                var detail = $"{festival.Year} 年{EnumLabel.Of(occasion)}（{festival:M月d日}）：{HolidayCampaigns.Describe(rules)}共 {people} 人，可一键生成慰问名单";
                pass.Offer(ReminderKind.HolidayVisit, (int)occasion, festival, festival, null, detail);
            }
        }
    }

    /// <summary>Inserts the candidates not raised before, in short batches; returns those this run raised.</summary>
    private async Task<List<Candidate>> InsertNewAsync(List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var raised = new List<Candidate>();
        if (candidates.Count == 0)
        {
            return raised;
        }

        HashSet<(ReminderKind, int, DateOnly)> existing;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            existing = await ExistingKeysAsync(db, candidates, cancellationToken);
        }

        var fresh = candidates.Where(c => existing.Add(c.Key)).ToList();
        var first = true;
        foreach (var batch in fresh.Chunk(BatchSize))
        {
            if (!first)
            {
                await Task.Delay(BatchPause, cancellationToken);
            }

            first = false;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

            // Raised by the app, not anybody's edit: the run's own record counts them, the audit trail stays people's.
            db.AuditTrailEnabled = false;
            db.AddRange(batch.Select(c => c.ToReminder()));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                raised.AddRange(batch);
            }
            catch (DbUpdateException)
            {
                // Another server's scan raised some of these since we looked: keep theirs, add the rest one by one.
                db.ChangeTracker.Clear();
                var taken = await ExistingKeysAsync(db, batch, cancellationToken);
                foreach (var candidate in batch.Where(c => !taken.Contains(c.Key)))
                {
                    db.Add(candidate.ToReminder());
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                        raised.Add(candidate);
                    }
                    catch (DbUpdateException)
                    {
                        logger.LogInformation("Reminder {Kind}/{Subject}/{Day} was raised by another server at the same moment.", candidate.Kind, candidate.SubjectId, candidate.OccasionOn);
                    }

                    db.ChangeTracker.Clear();
                }
            }
        }

        return raised;
    }

    private static async Task<HashSet<(ReminderKind, int, DateOnly)>> ExistingKeysAsync(IntranetDbContext db, IReadOnlyCollection<Candidate> candidates, CancellationToken cancellationToken)
    {
        var keys = new HashSet<(ReminderKind, int, DateOnly)>();
        foreach (var kind in candidates.GroupBy(c => c.Kind))
        {
            var first = kind.Min(c => c.OccasionOn);
            var last = kind.Max(c => c.OccasionOn);
            var found = await db.Set<Reminder>().AsNoTracking()
                .Where(r => r.Kind == kind.Key && r.OccasionOn >= first && r.OccasionOn <= last)
                .Select(r => new { r.SubjectId, r.OccasionOn })
                .ToListAsync(cancellationToken);
            keys.UnionWith(found.Select(f => (kind.Key, f.SubjectId, f.OccasionOn)));
        }

        return keys;
    }

    /// <summary>Closes open reminders that no longer apply: the person died, the case was closed or rescheduled, the visit or campaign was made.</summary>
    private async Task<int> CloseStaleAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditTrailEnabled = false;
        var open = db.Set<Reminder>().Where(r => r.Status == ReminderStatus.Open);
        var closed = 0;

        var endsAtDeath = Enum.GetValues<ReminderKind>().Where(k => k.EndsAtDeath()).ToArray();
        foreach (var reminder in await open.Where(r => endsAtDeath.Contains(r.Kind) && r.Retiree!.IsDeceased).ToListAsync(cancellationToken))
        {
            reminder.Close(ReminderStatus.Closed, today, "本人已去世");
            closed++;
        }

        var cases = db.Set<WelfareCase>();
        foreach (var reminder in await open.Where(r => r.Kind == ReminderKind.CaseFollowUp
            && !cases.Any(c => c.Id == r.SubjectId && c.Status != CaseStatus.Closed && c.NextFollowUpOn == r.OccasionOn)).ToListAsync(cancellationToken))
        {
            var stillOpen = await cases.AnyAsync(c => c.Id == reminder.SubjectId && c.Status != CaseStatus.Closed, cancellationToken);
            reminder.Close(ReminderStatus.Closed, today, stillOpen ? "回访日期已更改" : "个案已结案");
            closed++;
        }

        var tasks = db.Set<CondolenceTask>();
        foreach (var pair in await open.Where(r => r.Kind == ReminderKind.Condolence)
            .Select(r => new { Reminder = r, tasks.First(t => t.RetireeId == r.RetireeId).VisitId })
            .Where(p => p.VisitId != null).ToListAsync(cancellationToken))
        {
            pair.Reminder.VisitId = pair.VisitId;
            pair.Reminder.Close(ReminderStatus.Done, today);
            closed++;
        }

        var campaigns = db.Set<VisitCampaign>();
        foreach (var reminder in await open.Where(r => r.Kind == ReminderKind.HolidayVisit).ToListAsync(cancellationToken))
        {
            if (await HolidayCampaigns.For(campaigns, (VisitOccasion)reminder.SubjectId, reminder.OccasionOn).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken) is { } campaign)
            {
                reminder.CampaignId = campaign;
                reminder.Close(ReminderStatus.Done, today, "已有慰问活动");
                closed++;
            }
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        return closed;
    }

    private sealed record Candidate(ReminderKind Kind, int SubjectId, DateOnly OccasionOn, DateOnly DueOn, int? RetireeId, string Detail)
    {
        public (ReminderKind, int, DateOnly) Key => (Kind, SubjectId, OccasionOn);

        public Reminder ToReminder() => new()
        {
            Kind = Kind, SubjectId = SubjectId, OccasionOn = OccasionOn, DueOn = DueOn, RetireeId = RetireeId,
            Detail = Detail.Length <= Reminder.DetailMaxLength ? Detail : Detail[..Reminder.DetailMaxLength],
        };
    }

    /// <summary>One scan's days and what it found: occasions to raise, and those missed while the app was down.</summary>
    private sealed class Pass(ReminderOptions options, DateOnly today, DateOnly? lastRun)
    {
        private readonly Dictionary<ReminderKind, int> _missed = [];
        private DateOnly? _missedFrom;

        public ReminderOptions Options { get; } = options;

        public DateOnly Today { get; } = today;

        /// <summary>Occasions from here on are raised one by one (past ones as overdue).</summary>
        public DateOnly RaiseFrom { get; } = today.AddDays(-options.GraceDays);

        public List<Candidate> Candidates { get; } = [];

        public int MissedTotal => _missed.Values.Sum();

        /// <summary>
        /// The days to look at for a kind raised <paramref name="leadDays"/> ahead: from the day after what the last
        /// run already covered (its day plus the lead) — or the grace window, whichever is earlier — to today plus the lead.
        /// </summary>
        public (DateOnly Start, DateOnly End) Range(ReminderKind kind, int leadDays)
        {
            var start = RaiseFrom;
            if (lastRun is { } last)
            {
                var uncovered = last.AddDays(leadDays + 1);
                var earliest = Today.AddDays(-Options.CatchUpDays);
                start = uncovered < earliest ? earliest : uncovered < start ? uncovered : start;
            }

            return (start, Today.AddDays(leadDays));
        }

        public void Offer(ReminderKind kind, int subjectId, DateOnly occasionOn, DateOnly dueOn, int? retireeId, string detail)
        {
            // Too far past to be worth a line each (the app was down): counted for the summary instead.
            if (occasionOn < RaiseFrom && kind is not (ReminderKind.CaseFollowUp or ReminderKind.Condolence or ReminderKind.HealthCheckMissed))
            {
                _missed[kind] = _missed.GetValueOrDefault(kind) + 1;
                _missedFrom = _missedFrom is { } from && from <= occasionOn ? from : occasionOn;
                return;
            }

            Candidates.Add(new Candidate(kind, subjectId, occasionOn, dueOn, retireeId, detail));
        }

        public void Summarise()
        {
            if (_missed.Count == 0)
            {
                return;
            }

            var counts = string.Join("、", _missed.OrderBy(m => m.Key).Select(m => $"{m.Key.Label()} {m.Value} 条"));
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"停机期间（{_missedFrom:yyyy-MM-dd} 至 {RaiseFrom.AddDays(-1):yyyy-MM-dd}）到期的提醒未逐条列出：{counts}，请按需补办");
            Candidates.Add(new Candidate(ReminderKind.MissedWhileDown, 0, Today, Today, null, detail));
        }
    }
}
