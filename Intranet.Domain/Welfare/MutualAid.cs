using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Welfare;

/// <summary>A year's mutual-aid medical scheme (住院补充医疗互助保障, 大病互助保障, …) with its fee per person.</summary>
[EntityLabel("互助保障项目", Order = 29)]
public class MutualAidScheme : AuditableEntity
{
    [Display(Name = "年度")]
    public int Year { get; set; }

    [Display(Name = "名称")]
    public required string Name { get; set; }

    [Display(Name = "每人费用（分）")]
    public long FeeFen { get; set; }
}

/// <summary>A retiree enrolled in a scheme, with the fee they paid.</summary>
[EntityLabel("互助保障参保", Order = 30)]
public class SchemeEnrolment : AuditableEntity, IRetireeScoped
{
    [Display(Name = "互助保障项目")]
    public int SchemeId { get; set; }

    public MutualAidScheme? Scheme { get; set; }

    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "缴费（分）")]
    public long FeePaidFen { get; set; }

    [Display(Name = "缴费日期")]
    public DateOnly PaidOn { get; set; }
}

/// <summary>A claim on a scheme: submitted, then paid or refused.</summary>
[EntityLabel("互助保障理赔", Order = 31)]
public class SchemeClaim : AuditableEntity, IRetireeScoped
{
    [Display(Name = "参保记录")]
    public int EnrolmentId { get; set; }

    public SchemeEnrolment? Enrolment { get; set; }

    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "申请日期")]
    public DateOnly ClaimedOn { get; set; }

    [Display(Name = "金额（分）")]
    public long AmountFen { get; set; }

    [Display(Name = "状态")]
    public ClaimStatus Status { get; set; } = ClaimStatus.Submitted;

    [Display(Name = "处理日期")]
    public DateOnly? DecidedOn { get; set; }
}

public enum ClaimStatus
{
    [Display(Name = "已申请")]
    Submitted = 1,

    [Display(Name = "已赔付")]
    Paid = 2,

    [Display(Name = "未予赔付")]
    Refused = 3,
}

/// <summary>The annual health check (体检): planned, done or missed, with a short note and no medical details beyond it.</summary>
[EntityLabel("年度体检", Order = 32)]
public class HealthCheck : AuditableEntity, IRetireeScoped
{
    public const int NoteMaxLength = 100;

    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "年度")]
    public int Year { get; set; }

    [Display(Name = "状态")]
    public HealthCheckStatus Status { get; set; } = HealthCheckStatus.Planned;

    [Display(Name = "体检日期")]
    public DateOnly? CheckedOn { get; set; }

    [Display(Name = "备注")]
    [HealthData]
    public string? Note { get; set; }
}

public enum HealthCheckStatus
{
    [Display(Name = "已安排")]
    Planned = 1,

    [Display(Name = "已体检")]
    Done = 2,

    [Display(Name = "未参加")]
    Missed = 3,
}

internal sealed class MutualAidConfiguration :
    IEntityTypeConfiguration<MutualAidScheme>, IEntityTypeConfiguration<SchemeEnrolment>, IEntityTypeConfiguration<SchemeClaim>, IEntityTypeConfiguration<HealthCheck>
{
    public void Configure(EntityTypeBuilder<MutualAidScheme> builder)
    {
        builder.ToTable("MutualAidSchemes");
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasBookkeeping();
        builder.HasIndex(s => new { s.Year, s.Name }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SchemeEnrolment> builder)
    {
        builder.ToTable("SchemeEnrolments");
        builder.HasBookkeeping();
        builder.HasOne(e => e.Scheme).WithMany().HasForeignKey(e => e.SchemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Retiree).WithMany().HasForeignKey(e => e.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.SchemeId, e.RetireeId }).IsUnique();
        builder.HasIndex(e => e.RetireeId);
    }

    public void Configure(EntityTypeBuilder<SchemeClaim> builder)
    {
        builder.ToTable("SchemeClaims");
        builder.HasBookkeeping();
        builder.HasOne(c => c.Enrolment).WithMany().HasForeignKey(c => c.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Retiree).WithMany().HasForeignKey(c => c.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.EnrolmentId, c.ClaimedOn });
        builder.HasIndex(c => c.RetireeId);
    }

    public void Configure(EntityTypeBuilder<HealthCheck> builder)
    {
        builder.ToTable("HealthChecks");
        builder.Property(h => h.Note).HasMaxLength(HealthCheck.NoteMaxLength);
        builder.HasBookkeeping();
        builder.HasOne(h => h.Retiree).WithMany().HasForeignKey(h => h.RetireeId).OnDelete(DeleteBehavior.Restrict);

        // One check per person per year; a year's checks by status (the yearly figures).
        builder.HasIndex(h => new { h.RetireeId, h.Year }).IsUnique();
        builder.HasIndex(h => new { h.Year, h.Status });
    }
}
