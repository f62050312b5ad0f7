using Intranet.Domain.Jobs;
using Intranet.Domain.Reminders;
using Intranet.Jobs.Reminders;
using Intranet.Jobs.Scheduling;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Intranet.Tests.Reminders.ScanWorld;

namespace Intranet.Tests.Reminders;

public sealed class CatchUpTests
{
    private static readonly JobSchedule Daily = new(typeof(ReminderScan), "每日提醒扫描", "0 30 6 * * ?", "测试", CatchUp: true);

    [Theory]
    [InlineData("2026-04-20 06:29", "2026-04-19 06:30", false)] // before today's fire: yesterday's run is the latest due
    [InlineData("2026-04-20 06:31", "2026-04-19 06:30", true)]  // today's fire passed while down
    [InlineData("2026-04-20 10:00", "2026-04-20 06:30", false)] // restarted the same day after the run
    [InlineData("2026-04-20 10:00", "2026-03-01 06:30", true)]  // weeks down
    [InlineData("2026-04-20 10:00", null, true)]                // never run
    public void A_start_runs_the_job_only_when_a_scheduled_time_passed_since_its_last_success(string now, string? lastRun, bool missed)
    {
        Assert.Equal(missed, SchedulerHostedService.Missed(Daily, lastRun is null ? null : Utc(lastRun), Office(now), Shanghai));
    }

    [Fact]
    public async Task The_app_started_after_weeks_down_runs_the_scan_once_at_start_and_raises_what_is_due()
    {
        var clock = new FixedClock(Office("2026-04-20 10:00"), Shanghai);
        await using var app = new IntranetAppFactory(
            settings: new Dictionary<string, string?> { ["Jobs:Enabled"] = "true" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        app.Database.Migrated();
        int person;
        using (var db = app.Database.CreateContext())
        {
            var unit = new RegisterBuilder(db).Unit();
            var retiree = new RegisterBuilder(db).Retiree(unit, "下周八十", configure: r => r.BirthDate = new DateOnly(1946, 4, 25));
            person = retiree.Id;
            db.Add(new JobRun
            {
                JobName = nameof(ReminderScan), Trigger = JobTrigger.Scheduled, OfficeDay = new DateOnly(2026, 3, 1),
                StartedAt = Utc("2026-03-01 06:30"), FinishedAt = Utc("2026-03-01 06:31"), Succeeded = true,
            });
            await db.SaveChangesAsync();
        }

        _ = app.Services;
        var run = await WaitForAsync(app, r => r.Trigger == JobTrigger.CatchUp && r.FinishedAt != null);
        Assert.True(run.Succeeded, run.ErrorDetail);
        Assert.Equal(new DateOnly(2026, 4, 20), run.OfficeDay);
        using var check = app.Database.CreateContext();
        var reminder = await check.Set<Reminder>().SingleAsync(r => r.RetireeId == person);
        Assert.Equal((new DateOnly(2026, 4, 25), "80 岁生日（整寿）"), (reminder.OccasionOn, reminder.Detail));
        Assert.Equal(1, await check.Set<JobRun>().CountAsync(r => r.Trigger == JobTrigger.CatchUp));
    }

    private static async Task<JobRun> WaitForAsync(IntranetAppFactory app, Func<JobRun, bool> done)
    {
        for (var i = 0; i < 300; i++)
        {
            using (var db = app.Database.CreateContext())
            {
                if ((await db.Set<JobRun>().AsNoTracking().ToListAsync()).FirstOrDefault(done) is { } run)
                {
                    return run;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The catch-up run did not finish within 30 seconds.");
    }

    private static DateTimeOffset Office(string local)
    {
        var time = DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture);
        return new DateTimeOffset(time, Shanghai.GetUtcOffset(time));
    }

    private static DateTime Utc(string local) => Office(local).UtcDateTime;
}
