using Intranet.Domain.Data;
using Intranet.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl;

namespace Intranet.Jobs.Scheduling;

/// <summary>
/// Hosts the Quartz scheduler for the app's lifetime (Quartz's hosting package is not served here), and after
/// downtime runs each catch-up job once at start-up when its last run is older than its last scheduled time.
/// </summary>
internal sealed class SchedulerHostedService(
    IServiceProvider services,
    JobRunner runner,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<SchedulerHostedService> logger) : IHostedService, IDisposable
{
    private IScheduler? _scheduler;
    private Task _catchUp = Task.CompletedTask;
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Scheduled jobs are switched off in configuration (Jobs:Enabled).");
            return;
        }

        // The jobs' state lives in the app's own tables (JobRuns, the reminders' keys), so the RAM store is enough and
        // two servers on one database each run their own scheduler without harm.
        var factory = new StdSchedulerFactory(new System.Collections.Specialized.NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "Intranet",
            ["quartz.threadPool.maxConcurrency"] = "2",
            ["quartz.jobStore.type"] = "Quartz.Simpl.RAMJobStore, Quartz",
        });
        _scheduler = await factory.GetScheduler(cancellationToken);
        _scheduler.JobFactory = new ServiceProviderJobFactory(services);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        foreach (var schedule in runner.Schedules)
        {
            var job = JobBuilder.Create<QuartzJob>().WithIdentity(schedule.Key).WithDescription(schedule.Description)
                .UsingJobData(QuartzJob.NameKey, schedule.Name).Build();

            // Misfire: fire once and go on. A fire missed while the server was busy (both threads taken) is run as soon
            // as a thread is free, once, however many were missed: each run scans up to today and its window, so one
            // late run does the work of all the missed ones. Downtime is not a misfire for the RAM store (it forgets);
            // that is caught up at start-up below, from the runs recorded in the database.
            var trigger = TriggerBuilder.Create()
                .WithIdentity(schedule.Key.Name + ".trigger", schedule.Key.Group)
                .WithCronSchedule(schedule.CronExpression, c => c.InTimeZone(zone).WithMisfireHandlingInstructionFireAndProceed())
                .Build();
            await _scheduler.ScheduleJob(job, trigger, cancellationToken);
        }

        await _scheduler.Start(cancellationToken);
        logger.LogInformation("Scheduler started with {Count} job(s).", runner.Schedules.Count);
        _catchUp = Task.Run(() => CatchUpAsync(zone, _stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host torn down without a clean stop may dispose this service first.
        if (!_disposed)
        {
            await _stopping.CancelAsync();
        }

        try
        {
            await _catchUp.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping mid catch-up: the next start catches up again, its run was not recorded as successful.
        }

        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _stopping.Dispose();
    }

    /// <summary>Never run, or a scheduled time has passed since the last successful run (<paramref name="lastStart"/>, UTC): run once now.</summary>
    internal static bool Missed(JobSchedule schedule, DateTime? lastStart, DateTimeOffset now, TimeZoneInfo zone) =>
        lastStart is not { } last || schedule.NextAfter(new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)), zone) is { } next && next <= now;

    private async Task CatchUpAsync(TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            foreach (var schedule in runner.Schedules.Where(s => s.CatchUp))
            {
                DateTime? lastStart;
                await using (var scope = services.CreateAsyncScope())
                await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<IntranetDbContext>>().CreateDbContextAsync(cancellationToken))
                {
                    lastStart = await db.Set<JobRun>().Where(r => r.JobName == schedule.Name && r.Succeeded)
                        .MaxAsync(r => (DateTime?)r.StartedAt, cancellationToken);
                }

                if (Missed(schedule, lastStart, now, zone))
                {
                    logger.LogInformation("Job {Job} missed its schedule while the app was down (last run {Last}); running it now.", schedule.Name, lastStart);
                    await runner.RunAsync(schedule.Name, JobTrigger.CatchUp, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Catching up the scheduled jobs failed.");
        }
    }
}
