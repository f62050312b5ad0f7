using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Jobs;
using Intranet.Jobs;
using Intranet.Jobs.Scheduling;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Intranet.Web.Jobs;

/// <summary>A scheduled job as the jobs page shows it: its schedule, next run, and last run.</summary>
public sealed record JobItem(
    string Name, string Title, string Description, string Schedule, bool CatchUp, DateTime? NextRun, bool Running, JobRunItem? LastRun);

/// <summary>One recorded run, its times in the office's time zone.</summary>
public sealed record JobRunItem(
    long Id, string JobName, JobTrigger Trigger, DateTime StartedAt, TimeSpan? Duration, bool Finished, bool Succeeded,
    int ItemsRaised, int ItemsClosed, string? Summary, string? Error, string? ErrorDetail, string? Host);

/// <summary>The jobs page's reads and its 立即运行, for administrators only (checked here, on the server).</summary>
public sealed class JobsAdmin(
    IDbContextFactory<IntranetDbContext> dbFactory,
    JobRunner runner,
    CurrentUser user,
    AuditLog audit,
    IOptions<JobsOptions> options,
    TimeProvider time)
{
    public bool SchedulerEnabled => options.Value.Enabled;

    /// <summary>The zone the schedules fire in and the runs are shown in.</summary>
    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public async Task<IReadOnlyList<JobItem>> JobsAsync(CancellationToken cancellationToken = default)
    {
        Demand();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var zone = Zone;
        var now = time.GetUtcNow();
        var items = new List<JobItem>();
        foreach (var schedule in runner.Schedules)
        {
            var last = await db.Set<JobRun>().AsNoTracking().Where(r => r.JobName == schedule.Name)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            var next = SchedulerEnabled ? schedule.NextAfter(now, zone) : null;
            items.Add(new JobItem(schedule.Name, schedule.Title, schedule.Description, Describe(schedule.CronExpression), schedule.CatchUp,
                next is { } n ? TimeZoneInfo.ConvertTimeFromUtc(n.UtcDateTime, zone) : null, runner.IsRunning(schedule.Name),
                last is null ? null : ToItem(last, zone)));
        }

        return items;
    }

    public async Task<IReadOnlyList<JobRunItem>> HistoryAsync(string? jobName, int take = 50, CancellationToken cancellationToken = default)
    {
        Demand();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var zone = Zone;
        var runs = db.Set<JobRun>().AsNoTracking();
        if (jobName is not null)
        {
            runs = runs.Where(r => r.JobName == jobName);
        }

        var list = await runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(take).ToListAsync(cancellationToken);
        return [.. list.Select(r => ToItem(r, zone))];
    }

    /// <summary>Runs the job now and waits for it; refused when it is already running on this server.</summary>
    public async Task<CommandResult<JobRunItem>> RunNowAsync(string jobName, CancellationToken cancellationToken = default)
    {
        if (await user.RefuseUnlessAsync(Permissions.CanManageJobs, audit, nameof(JobRun), $"试图手动运行计划任务 {jobName}", "只有系统管理员可以运行计划任务。", cancellationToken) is { } refused)
        {
            return refused.As<JobRunItem>();
        }

        var schedule = runner.Schedules.SingleOrDefault(s => s.Name == jobName);
        if (schedule is null)
        {
            return CommandResult.Missing("没有这个计划任务。").As<JobRunItem>();
        }

        await audit.WriteAsync(new AuditEvent(AuditAction.Update) { EntityType = nameof(JobRun), Subject = schedule.Title, Details = "手动运行计划任务" }, cancellationToken);
        // Off the circuit's thread: SQLite's "async" calls complete synchronously, and the page should stay responsive.
        var run = await Task.Run(() => runner.RunAsync(jobName, JobTrigger.Manual, cancellationToken), cancellationToken);
        return run is null
            ? CommandResult.Refused($"“{schedule.Title}”正在运行，请等它运行完再试。").As<JobRunItem>()
            : CommandResult.Ok(ToItem(run, Zone));
    }

    /// <summary>Quartz's cron in words for the common daily and weekly forms; otherwise the expression itself.</summary>
    public static string Describe(string cron)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var parts = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 6 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var second) && second == 0
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var minute) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var hour)
            && parts[3] is "*" or "?" && parts[4] == "*")
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}");
            return parts[5] is "*" or "?" ? $"每天 {at}" : $"每周（{parts[5]}）{at}";
        }

        return cron;
    }

    private void Demand()
    {
        if (!user.Can(Permissions.CanManageJobs))
        {
            throw new UnauthorizedAccessException("只有系统管理员可以查看计划任务。");
        }
    }

    private static JobRunItem ToItem(JobRun run, TimeZoneInfo zone) => new(
        run.Id, run.JobName, run.Trigger, TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(run.StartedAt, DateTimeKind.Utc), zone),
        run.Duration, run.FinishedAt is not null, run.Succeeded, run.ItemsRaised, run.ItemsClosed, run.Summary, run.Error, run.ErrorDetail, run.Host);
}
