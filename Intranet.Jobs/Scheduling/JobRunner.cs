using System.Collections.Concurrent;
using Intranet.Domain.Data;
using Intranet.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Intranet.Jobs.Scheduling;

/// <summary>
/// Runs a job by name — on its schedule, from the jobs page's 立即运行, or at start-up after downtime — and records
/// every run (start, end, items, the error with its stack) for the jobs page. One run of a job at a time per server.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, IEnumerable<JobSchedule> schedules, TimeProvider time, ILogger<JobRunner> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();

    public IReadOnlyList<JobSchedule> Schedules { get; } = [.. schedules];

    public DateOnly OfficeDay => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public bool IsRunning(string jobName) => _gates.TryGetValue(jobName, out var gate) && gate.CurrentCount == 0;

    /// <summary>Runs the job and returns its recorded run; null when it is already running on this server.</summary>
    public async Task<JobRun?> RunAsync(string jobName, JobTrigger trigger, CancellationToken cancellationToken = default)
    {
        var schedule = Schedules.SingleOrDefault(s => s.Name == jobName) ?? throw new ArgumentException($"No job named {jobName}.", nameof(jobName));
        var gate = _gates.GetOrAdd(jobName, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken))
        {
            logger.LogInformation("Job {Job} is already running; the {Trigger} run was skipped.", jobName, trigger);
            return null;
        }

        try
        {
            return await RunOnceAsync(schedule, trigger, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<JobRun> RunOnceAsync(JobSchedule schedule, JobTrigger trigger, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<IntranetDbContext>>();
        var run = new JobRun
        {
            JobName = schedule.Name, Trigger = trigger, OfficeDay = OfficeDay, StartedAt = time.GetUtcNow().UtcDateTime,
            Host = Environment.MachineName,
        };

        DateOnly? lastSuccessful;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            lastSuccessful = await db.Set<JobRun>().Where(r => r.JobName == schedule.Name && r.Succeeded)
                .OrderByDescending(r => r.OfficeDay).Select(r => (DateOnly?)r.OfficeDay).FirstOrDefaultAsync(cancellationToken);
            db.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            var job = (IScheduledJob)scope.ServiceProvider.GetRequiredService(schedule.JobType);
            var outcome = await job.RunAsync(new JobRunContext(run.OfficeDay, lastSuccessful, trigger), cancellationToken);
            run.Succeeded = true;
            run.ItemsRaised = outcome.Raised;
            run.ItemsClosed = outcome.Closed;
            run.Summary = Cut(outcome.Summary, 500);
            logger.LogInformation("Job {Job} ({Trigger}) raised {Raised} and closed {Closed}.", schedule.Name, trigger, outcome.Raised, outcome.Closed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Each run catches its own failure: the next run still comes, and the jobs page shows this one's error.
            run.Error = Cut(ex.Message, JobRun.ErrorMaxLength);
            run.ErrorDetail = Cut(ex.ToString(), JobRun.ErrorDetailMaxLength);
            logger.LogError(ex, "Job {Job} ({Trigger}) failed.", schedule.Name, trigger);
        }

        run.FinishedAt = time.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            db.Update(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return run;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
