using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Jobs;

/// <summary>
/// One run of a scheduled job, kept for the jobs page (its history, last error, items raised) and for catch-up: the
/// last successful run's <see cref="OfficeDay"/> tells the next start what days were missed. Written by the app only,
/// not an edit of anyone's, so not part of the audit trail.
/// </summary>
public class JobRun
{
    public const int ErrorMaxLength = 500;

    public const int ErrorDetailMaxLength = 8000;

    public long Id { get; set; }

    [Display(Name = "任务")]
    public required string JobName { get; set; }

    [Display(Name = "触发方式")]
    public JobTrigger Trigger { get; set; }

    /// <summary>The office's date the run was for (Asia/Shanghai), which can differ from the server's UTC date.</summary>
    [Display(Name = "办公日")]
    public DateOnly OfficeDay { get; set; }

    /// <remarks>UTC.</remarks>
    [Display(Name = "开始时间")]
    public DateTime StartedAt { get; set; }

    /// <remarks>UTC; null while running, or when the app stopped mid-run.</remarks>
    [Display(Name = "结束时间")]
    public DateTime? FinishedAt { get; set; }

    [Display(Name = "是否成功")]
    public bool Succeeded { get; set; }

    [Display(Name = "新增条数")]
    public int ItemsRaised { get; set; }

    [Display(Name = "关闭条数")]
    public int ItemsClosed { get; set; }

    /// <summary>What the run did, in a line of Chinese.</summary>
    [Display(Name = "摘要")]
    public string? Summary { get; set; }

    [Display(Name = "错误")]
    public string? Error { get; set; }

    /// <summary>The exception with its stack, for whoever fixes it.</summary>
    [Display(Name = "错误详情")]
    public string? ErrorDetail { get; set; }

    /// <summary>Which server ran it (two app instances on one database each run their scheduler).</summary>
    [Display(Name = "服务器")]
    public string? Host { get; set; }

    public TimeSpan? Duration => FinishedAt - StartedAt;
}

public enum JobTrigger
{
    [Display(Name = "按计划")]
    Scheduled = 1,

    [Display(Name = "手动运行")]
    Manual = 2,

    [Display(Name = "启动补跑")]
    CatchUp = 3,
}

public static class JobTriggerLabels
{
    public static string Label(this JobTrigger trigger) => Common.EnumLabel.Of(trigger);
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("JobRuns");
        builder.Property(r => r.JobName).HasMaxLength(100);
        builder.Property(r => r.Summary).HasMaxLength(500);
        builder.Property(r => r.Error).HasMaxLength(JobRun.ErrorMaxLength);
        builder.Property(r => r.ErrorDetail).HasMaxLength(JobRun.ErrorDetailMaxLength);
        builder.Property(r => r.Host).HasMaxLength(100);
        builder.HasIndex(r => new { r.JobName, r.StartedAt });
    }
}
