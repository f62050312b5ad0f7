using Quartz;

namespace Intranet.Jobs.Scheduling;

/// <summary>
/// One scheduled job: the <see cref="IScheduledJob"/> type, its name on the jobs page, the cron expression (in the
/// office's time zone) that fires it, and whether a start after downtime runs it at once (<see cref="CatchUp"/>).
/// </summary>
public sealed record JobSchedule(Type JobType, string Title, string CronExpression, string Description, bool CatchUp)
{
    public string Name => JobType.Name;

    public JobKey Key => new(Name, "intranet");

    /// <summary>The next time the schedule fires after <paramref name="after"/>, read from the cron expression itself (also when the scheduler is off).</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone) =>
        new CronExpression(CronExpression) { TimeZone = zone }.GetNextValidTimeAfter(after);
}
