using Intranet.Domain.Jobs;
using Quartz;

namespace Intranet.Jobs.Scheduling;

/// <summary>
/// What Quartz fires: hands the run to <see cref="JobRunner"/>, which records it. Not concurrent per job, so a run
/// that outlasts its interval is not started twice in this process (two servers are kept apart by the data's keys).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class QuartzJob(JobRunner runner) : IJob
{
    public const string NameKey = "job";

    public Task Execute(IJobExecutionContext context) =>
        runner.RunAsync(context.MergedJobDataMap.GetString(NameKey)!, JobTrigger.Scheduled, context.CancellationToken);
}
