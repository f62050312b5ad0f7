using Intranet.Jobs.Reminders;
using Intranet.Jobs.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Intranet.Jobs;

public static class JobsExtensions
{
    /// <summary>Adds the scheduler, the runner that records every run, and the reminder jobs.</summary>
    public static IHostApplicationBuilder AddIntranetJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<JobsOptions>(builder.Configuration.GetSection(JobsOptions.Section));
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(ReminderOptions.Section));
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddTransient<QuartzJob>();
        builder.Services.AddHostedService<SchedulerHostedService>();

        // Schedules are read from configuration here, at start-up: a changed schedule takes effect on restart.
        var reminders = builder.Configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new ReminderOptions();
        builder.Services.AddScheduledJob<ReminderScan>("每日提醒扫描", reminders.ScanSchedule,
            "生日（含农历）、节日慰问、体检、个案回访、结婚纪念、吊唁、开班提醒", catchUp: true);
        builder.Services.AddScheduledJob<ReminderDigestJob>("每日提醒邮件", reminders.DigestSchedule,
            "给填写了邮箱的账户每天发一封待办提醒汇总（需配置邮件服务器）", catchUp: false);
        return builder;
    }

    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string title, string cronExpression, string description, bool catchUp)
        where TJob : class, IScheduledJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new JobSchedule(typeof(TJob), title, cronExpression, description, catchUp));
        return services;
    }
}
