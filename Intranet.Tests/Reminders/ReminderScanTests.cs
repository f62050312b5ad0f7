using Intranet.Domain.Jobs;
using Intranet.Domain.Register;
using Intranet.Domain.Reminders;
using Intranet.Domain.Welfare;
using Microsoft.EntityFrameworkCore;
using static Intranet.Tests.Reminders.ScanWorld;

namespace Intranet.Tests.Reminders;

public sealed class ReminderScanTests : IDisposable
{
    private readonly ScanWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_year_of_daily_scans_raises_every_kind_once_on_its_day_and_nothing_for_the_dead_or_the_young()
    {
        var unit = _world.Unit();
        var leapBorn = _world.Person(unit, "闰月生", new DateOnly(1941, 8, 7), lunar: true);      // 1941 闰六月十五
        var thirtieth = _world.Person(unit, "三十生", new DateOnly(1945, 5, 11), lunar: true);     // 1945 三月三十
        var leapDay = _world.Person(unit, "闰日生", new DateOnly(1944, 2, 29));
        var seventy = _world.Person(unit, "七十整", new DateOnly(1956, 3, 10));
        _world.Person(unit, "七十五", new DateOnly(1951, 6, 1));
        _world.Person(unit, "早已故", new DateOnly(1930, 4, 4), configure: r => (r.IsDeceased, r.DeathDate) = (true, new DateOnly(2025, 5, 1)));
        var diesInSeptember = _world.Person(unit, "九月故", new DateOnly(1940, 9, 15));
        var husband = _world.Person(unit, "李建国", new DateOnly(1950, 1, 15), configure: r => (r.SpouseName, r.MarriageDate) = ("王淑芬", new DateOnly(1976, 10, 1)));
        _world.Person(unit, "王淑芬", new DateOnly(1951, 2, 20), configure: r => (r.SpouseName, r.MarriageDate) = ("李建国", new DateOnly(1976, 10, 1)));
        var checkedLastYear = _world.Person(unit, "去年体检", new DateOnly(1958, 5, 5));
        var missedCheck = _world.Person(unit, "未体检", new DateOnly(1957, 3, 3));
        var withCase = _world.Person(unit, "帮扶对象", new DateOnly(1955, 7, 1));
        var missed = new HealthCheck { RetireeId = missedCheck.Id, Year = 2026, Status = HealthCheckStatus.Missed };
        var welfareCase = Case(withCase.Id, new DateOnly(2025, 12, 1), new DateOnly(2026, 6, 15));
        _world.Add(new HealthCheck { RetireeId = checkedLastYear.Id, Year = 2025, Status = HealthCheckStatus.Done, CheckedOn = new DateOnly(2025, 4, 20) }, missed, welfareCase);
        var calligraphy = _world.Class("书法提高班", new DateOnly(2026, 9, 7));

        for (var day = new DateOnly(2026, 1, 1); day <= new DateOnly(2026, 12, 31); day = day.AddDays(1))
        {
            if (day == new DateOnly(2026, 9, 10))
            {
                _world.SetDay(day, hour: 6);
                await using var db = _world.Context();
                var dying = await db.Retirees.SingleAsync(r => r.Id == diesInSeptember.Id);
                (dying.IsDeceased, dying.DeathDate) = (true, day);
                await db.SaveChangesAsync();
            }

            var run = await _world.ScanOnAsync(day);
            Assert.True(run.Succeeded, run.ErrorDetail);
        }

        var expected = new[]
        {
            (ReminderKind.Birthday, leapDay.Id, new DateOnly(2026, 2, 28), new DateOnly(2026, 2, 21)),
            (ReminderKind.Birthday, seventy.Id, new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 3)),
            (ReminderKind.Birthday, thirtieth.Id, new DateOnly(2026, 5, 16), new DateOnly(2026, 5, 9)),
            (ReminderKind.Birthday, leapBorn.Id, new DateOnly(2026, 7, 28), new DateOnly(2026, 7, 21)),
            (ReminderKind.Birthday, diesInSeptember.Id, new DateOnly(2026, 9, 15), new DateOnly(2026, 9, 8)),
            (ReminderKind.HolidayVisit, (int)VisitOccasion.SpringFestival, new DateOnly(2026, 2, 17), new DateOnly(2026, 1, 27)),
            (ReminderKind.HolidayVisit, (int)VisitOccasion.DoubleNinth, new DateOnly(2026, 10, 18), new DateOnly(2026, 9, 27)),
            (ReminderKind.HealthCheckDue, checkedLastYear.Id, new DateOnly(2026, 4, 20), new DateOnly(2026, 4, 6)),
            (ReminderKind.HealthCheckMissed, missed.Id, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)),
            (ReminderKind.CaseFollowUp, welfareCase.Id, new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 12)),
            (ReminderKind.WeddingAnniversary, husband.Id, new DateOnly(2026, 10, 1), new DateOnly(2026, 9, 24)),
            (ReminderKind.Condolence, diesInSeptember.Id, new DateOnly(2026, 9, 10), new DateOnly(2026, 9, 10)),
            (ReminderKind.ClassStarting, calligraphy.Id, new DateOnly(2026, 9, 7), new DateOnly(2026, 8, 31)),
        };
        var reminders = await _world.RemindersAsync();
        Assert.Equal(
            expected.OrderBy(e => e.Item1).ThenBy(e => e.Item3),
            reminders.Select(r => (r.Kind, r.SubjectId, r.OccasionOn, RaisedOn(r))).OrderBy(e => e.Kind).ThenBy(e => e.OccasionOn));

        Assert.Equal("70 岁生日（整寿）", reminders.Single(r => r.RetireeId == seventy.Id).Detail);
        Assert.Equal("85 岁生日（农历闰六月十五）", reminders.Single(r => r.RetireeId == leapBorn.Id).Detail);
        Assert.Equal("结婚 50 周年（金婚）", reminders.Single(r => r.Kind == ReminderKind.WeddingAnniversary).Detail);

        // The September death closed that person's birthday and raised one condolence, which stays open for the family.
        var closed = reminders.Single(r => r.Kind == ReminderKind.Birthday && r.RetireeId == diesInSeptember.Id);
        Assert.Equal((ReminderStatus.Closed, "本人已去世", new DateOnly(2026, 9, 10)), (closed.Status, closed.ClosedNote, closed.ClosedOn));
        Assert.Equal(ReminderStatus.Open, reminders.Single(r => r.Kind == ReminderKind.Condolence).Status);
        await using (var db = _world.Context())
        {
            Assert.Equal(1, await db.Set<CondolenceTask>().CountAsync(t => t.RetireeId == diesInSeptember.Id));
        }

        // Run again the same day, and from a second server: nothing new.
        Assert.Equal(0, (await _world.ScanOnAsync(new DateOnly(2026, 12, 31))).ItemsRaised);
        Assert.Equal(0, (await _world.ScanOnAsync(new DateOnly(2026, 12, 31), _world.NewServer())).ItemsRaised);
        Assert.Equal(reminders.Count, (await _world.RemindersAsync()).Count);
    }

    [Fact]
    public async Task Lunar_birthdays_follow_the_stated_rules_in_leap_month_years_and_short_months_and_29_February_waits_for_its_year()
    {
        var unit = _world.Unit();
        var leapBorn = _world.Person(unit, "闰月生", new DateOnly(1941, 8, 7), lunar: true);      // 1941 闰六月十五
        var thirtieth = _world.Person(unit, "三十生", new DateOnly(1945, 5, 11), lunar: true);     // 1945 三月三十
        var leapDay = _world.Person(unit, "闰日生", new DateOnly(1944, 2, 29));
        var newYear = _world.Person(unit, "元月生", new DateOnly(1946, 1, 2));

        Assert.Equal(new LunarDate(1941, 6, 15, IsLeapMonth: true), ChineseDates.ToLunar(leapBorn.BirthDate));

        // 2025 has a 闰六月 too: the birthday is kept in it, not in the ordinary sixth month (2025-07-09).
        await _world.ScanOnAsync(new DateOnly(2025, 8, 1));

        // 2027's third month has 29 days: the 30th is kept on the 29th.
        await _world.ScanOnAsync(new DateOnly(2027, 4, 28));

        // Across the year's end: a birthday on 2 January is raised in December, at its new age.
        await _world.ScanOnAsync(new DateOnly(2027, 12, 28));

        // A leap year: 29 February itself (in 2026 it was kept on the 28th, see the year's test).
        await _world.ScanOnAsync(new DateOnly(2028, 2, 22));

        var birthdays = (await _world.RemindersAsync()).Where(r => r.Kind == ReminderKind.Birthday)
            .Select(r => (r.RetireeId, r.OccasionOn, r.Detail)).OrderBy(r => r.OccasionOn).ToList();
        Assert.Equal(
            [
                (leapBorn.Id, new DateOnly(2025, 8, 8), "84 岁生日（农历闰六月十五）"),
                (thirtieth.Id, new DateOnly(2027, 5, 5), "82 岁生日（农历三月三十）"),
                (newYear.Id, new DateOnly(2028, 1, 2), "82 岁生日"),
                (leapDay.Id, new DateOnly(2028, 2, 29), "84 岁生日"),
            ],
            birthdays);
    }

    [Fact]
    public async Task The_Double_Ninth_is_raised_three_weeks_ahead_in_October_2026_and_in_November_1995_with_the_cohort_counted()
    {
        var unit = _world.Unit();
        _world.Person(unit, "百岁老人", new DateOnly(1910, 1, 1));
        _world.Person(unit, "六十岁", new DateOnly(1935, 1, 1));

        Assert.Equal(new DateOnly(2026, 10, 18), ChineseDates.DoubleNinth(2026));
        Assert.Equal(new DateOnly(1995, 11, 1), ChineseDates.DoubleNinth(1995));
        Assert.Equal(new DateOnly(2027, 2, 6), ChineseDates.SpringFestival(2027));

        Assert.Equal(0, (await _world.ScanOnAsync(new DateOnly(1995, 10, 10))).ItemsRaised);
        Assert.Equal(1, (await _world.ScanOnAsync(new DateOnly(1995, 10, 11))).ItemsRaised);
        await _world.ScanOnAsync(new DateOnly(2026, 9, 26));
        Assert.DoesNotContain(await _world.RemindersAsync(), r => r.OccasionOn == new DateOnly(2026, 10, 18));
        await _world.ScanOnAsync(new DateOnly(2026, 9, 27));

        var festivals = (await _world.RemindersAsync()).Where(r => r.Kind == ReminderKind.HolidayVisit).ToList();
        Assert.Equal([new DateOnly(1995, 11, 1), new DateOnly(2026, 10, 18)], festivals.Select(f => f.OccasionOn));

        // In 1995 the one born in 1935 was 60: only the 85-year-old is in the 80-and-over cohort.
        Assert.Equal("1995 年重阳节慰问（11月1日）：80岁及以上的老师共 1 人，可一键生成慰问名单", festivals[0].Detail);
        Assert.All(festivals, f => Assert.Null(f.RetireeId));
    }

    [Fact]
    public async Task Two_servers_scanning_at_once_raise_each_reminder_once()
    {
        var unit = _world.Unit();
        for (var i = 0; i < 60; i++)
        {
            _world.Person(unit, $"寿星{i}", new DateOnly(1940, 3, 1).AddDays(i % 7));
        }

        _world.SetDay(new DateOnly(2026, 3, 1));
        var other = _world.NewServer();
        var runs = await Task.WhenAll(
            _world.Runner.RunAsync(nameof(Intranet.Jobs.Reminders.ReminderScan), JobTrigger.Scheduled),
            other.RunAsync(nameof(Intranet.Jobs.Reminders.ReminderScan), JobTrigger.Scheduled));

        Assert.All(runs, r => Assert.True(r!.Succeeded, r.ErrorDetail));
        Assert.Equal(60, runs.Sum(r => r!.ItemsRaised));
        var reminders = await _world.RemindersAsync();
        Assert.Equal(60, reminders.Count);
        Assert.Equal(60, reminders.Select(r => r.SubjectId).Distinct().Count());
    }

    [Fact]
    public async Task After_downtime_recent_occasions_are_raised_as_overdue_and_older_ones_summarised_in_one_line()
    {
        var unit = _world.Unit();
        var longAgo = _world.Person(unit, "三月生", new DateOnly(1946, 3, 20));
        var lastWeek = _world.Person(unit, "四月生", new DateOnly(1945, 4, 15));
        var coming = _world.Person(unit, "下周生", new DateOnly(1944, 4, 25));

        await _world.ScanOnAsync(new DateOnly(2026, 3, 1));
        var afterGap = await _world.ScanOnAsync(new DateOnly(2026, 4, 20));

        var reminders = await _world.RemindersAsync();
        Assert.DoesNotContain(reminders, r => r.RetireeId == longAgo.Id);
        Assert.Contains(reminders, r => r.RetireeId == lastWeek.Id && r.OccasionOn == new DateOnly(2026, 4, 15));
        Assert.Contains(reminders, r => r.RetireeId == coming.Id && r.OccasionOn == new DateOnly(2026, 4, 25));
        var summary = Assert.Single(reminders, r => r.Kind == ReminderKind.MissedWhileDown);
        Assert.Equal("停机期间（2026-03-20 至 2026-04-12）到期的提醒未逐条列出：生日 1 条，请按需补办", summary.Detail);
        Assert.Contains("停机期间错过 1 条", afterGap.Summary, StringComparison.Ordinal);

        // The next day's run neither repeats the summary nor raises the old birthday.
        Assert.Equal(0, (await _world.ScanOnAsync(new DateOnly(2026, 4, 21))).ItemsRaised);
    }

    [Fact]
    public async Task A_failing_run_is_recorded_with_its_error_and_stack_and_the_next_run_raises_what_it_could_not()
    {
        _world.Person(_world.Unit(), "寿星", new DateOnly(1946, 6, 3));
        await using (var db = _world.Context())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE Reminders RENAME TO RemindersAway");
        }

        var failed = await _world.ScanOnAsync(new DateOnly(2026, 6, 1));
        Assert.False(failed.Succeeded);
        Assert.NotNull(failed.FinishedAt);
        Assert.Contains("Reminders", failed.Error, StringComparison.Ordinal);
        Assert.Contains("Intranet.Jobs.Reminders.ReminderScan", failed.ErrorDetail, StringComparison.Ordinal);

        await using (var db = _world.Context())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE RemindersAway RENAME TO Reminders");
        }

        var next = await _world.ScanOnAsync(new DateOnly(2026, 6, 1));
        Assert.True(next.Succeeded, next.ErrorDetail);
        Assert.Equal(1, next.ItemsRaised);
    }
}
