using Intranet.Domain.Jobs;

namespace Intranet.Jobs.Scheduling;

/// <summary>A job the scheduler runs (<see cref="JobRunner"/> records each run); resolved in a DI scope of its own.</summary>
public interface IScheduledJob
{
    Task<JobOutcome> RunAsync(JobRunContext context, CancellationToken cancellationToken);
}

/// <param name="OfficeDay">The office's date now (Asia/Shanghai).</param>
/// <param name="LastSuccessfulDay">The office day of this job's last successful run; null before the first.</param>
public sealed record JobRunContext(DateOnly OfficeDay, DateOnly? LastSuccessfulDay, JobTrigger Trigger);

/// <summary>What a run did: items raised and closed, and a line of Chinese for the jobs page.</summary>
public sealed record JobOutcome(int Raised, int Closed, string Summary);
