using Quartz;

namespace Intranet.Jobs.Scheduling;

/// <summary>One scheduled job: a Quartz job type and the cron expression (in the office's time zone) that fires it.</summary>
public sealed record JobSchedule(Type JobType, string CronExpression, string Description)
{
    public JobKey Key => new(JobType.Name, "intranet");
}
