using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl;

namespace Intranet.Jobs.Scheduling;

/// <summary>Hosts the Quartz scheduler for the app's lifetime (Quartz's hosting package is not served here).</summary>
internal sealed class SchedulerHostedService(
    IServiceProvider services,
    IEnumerable<JobSchedule> schedules,
    IOptions<JobsOptions> options,
    ILogger<SchedulerHostedService> logger) : IHostedService
{
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Scheduled jobs are switched off in configuration (Jobs:Enabled).");
            return;
        }

        var factory = new StdSchedulerFactory(new System.Collections.Specialized.NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "Intranet",
            ["quartz.threadPool.maxConcurrency"] = "2",
            ["quartz.jobStore.type"] = "Quartz.Simpl.RAMJobStore, Quartz",
        });
        _scheduler = await factory.GetScheduler(cancellationToken);
        _scheduler.JobFactory = new ServiceProviderJobFactory(services);

        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var count = 0;
        foreach (var schedule in schedules)
        {
            var job = JobBuilder.Create(schedule.JobType).WithIdentity(schedule.Key).WithDescription(schedule.Description).Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(schedule.Key.Name + ".trigger", schedule.Key.Group)
                .WithCronSchedule(schedule.CronExpression, c => c.InTimeZone(timeZone).WithMisfireHandlingInstructionFireAndProceed())
                .Build();
            await _scheduler.ScheduleJob(job, trigger, cancellationToken);
            count++;
        }

        await _scheduler.Start(cancellationToken);
        logger.LogInformation("Scheduler started with {Count} job(s).", count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }
}
