using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Spi;

namespace Intranet.Jobs.Scheduling;

/// <summary>
/// Resolves each job in its own DI scope. Quartz's own DI integration package is not served here,
/// and this is all of it that the app needs.
/// </summary>
internal sealed class ServiceProviderJobFactory(IServiceProvider services) : IJobFactory
{
    private readonly Dictionary<IJob, IServiceScope> _scopes = [];
    private readonly Lock _lock = new();

    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler)
    {
        var scope = services.CreateScope();
        var job = (IJob)scope.ServiceProvider.GetRequiredService(bundle.JobDetail.JobType);
        lock (_lock)
        {
            _scopes[job] = scope;
        }

        return job;
    }

    public void ReturnJob(IJob job)
    {
        IServiceScope? scope;
        lock (_lock)
        {
            _scopes.Remove(job, out scope);
        }

        scope?.Dispose();
    }
}
