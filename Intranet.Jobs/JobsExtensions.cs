using Intranet.Jobs.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intranet.Jobs;

public static class JobsExtensions
{
    /// <summary>Adds the scheduler. Each feature adds its jobs with <see cref="AddScheduledJob{TJob}"/>.</summary>
    public static IHostApplicationBuilder AddIntranetJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<JobsOptions>(builder.Configuration.GetSection(JobsOptions.Section));
        builder.Services.AddHostedService<SchedulerHostedService>();
        return builder;
    }

    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string cronExpression, string description)
        where TJob : class, Quartz.IJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new JobSchedule(typeof(TJob), cronExpression, description));
        return services;
    }
}
