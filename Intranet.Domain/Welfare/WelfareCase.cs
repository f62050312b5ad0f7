using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Welfare;

/// <summary>帮扶个案: one retiree helped over time, with dated follow-ups and payments.</summary>
[EntityLabel("帮扶个案", Order = 20)]
public class WelfareCase : AuditableEntity, IRetireeScoped
{
    public const int ReasonMaxLength = 500;

    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "帮扶类型")]
    public CaseType Type { get; set; }

    [Display(Name = "帮扶原因")]
    public required string Reason { get; set; }

    /// <summary>The officer who follows the case (a name, as the office writes it on paper).</summary>
    [Display(Name = "责任人")]
    public required string Officer { get; set; }

    /// <summary>For community double care (双重关爱): the 街道/居委 person who shares the care.</summary>
    [Display(Name = "街道/居委联系人")]
    public string? CommunityContact { get; set; }

    [Display(Name = "状态")]
    public CaseStatus Status { get; set; } = CaseStatus.Open;

    [Display(Name = "立案日期")]
    public DateOnly OpenedOn { get; set; }

    [Display(Name = "下次回访日期")]
    public DateOnly? NextFollowUpOn { get; set; }

    [Display(Name = "结案日期")]
    public DateOnly? ClosedOn { get; set; }

    [Display(Name = "结案原因")]
    public string? ClosingReason { get; set; }

    public List<CaseFollowUp> FollowUps { get; } = [];

    public List<CasePayment> Payments { get; } = [];
}

public enum CaseType
{
    /// <summary>Regular subsidy for the extremely poor.</summary>
    [Display(Name = "特困教工定补")]
    HardshipSubsidy = 1,

    [Display(Name = "长期患病医疗费救助")]
    MedicalRelief = 2,

    [Display(Name = "结对帮扶")]
    Pairing = 3,

    [Display(Name = "双重关爱")]
    DoubleCare = 4,

    [Display(Name = "其他")]
    Other = 9,
}

public enum CaseStatus
{
    [Display(Name = "待办")]
    Open = 1,

    [Display(Name = "帮扶中")]
    Active = 2,

    [Display(Name = "已结案")]
    Closed = 3,
}

/// <summary>A dated note of a call, a visit or a step taken on a case.</summary>
[EntityLabel("个案回访", Order = 21)]
public class CaseFollowUp : AuditableEntity, IRetireeScoped
{
    [Display(Name = "帮扶个案")]
    public int CaseId { get; set; }

    public WelfareCase? Case { get; set; }

    /// <summary>The case's retiree, kept here so scope and history follow the person without a join through the case.</summary>
    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "日期")]
    public DateOnly Date { get; set; }

    [Display(Name = "情况")]
    public required string Note { get; set; }
}

/// <summary>Money paid on a case, in whole fen so sums are exact and computed in SQL.</summary>
[EntityLabel("帮扶款", Order = 22)]
public class CasePayment : AuditableEntity, IRetireeScoped
{
    [Display(Name = "帮扶个案")]
    public int CaseId { get; set; }

    public WelfareCase? Case { get; set; }

    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "发放日期")]
    public DateOnly PaidOn { get; set; }

    [Display(Name = "金额（分）")]
    public long AmountFen { get; set; }

    [Display(Name = "审批人")]
    public required string ApprovedBy { get; set; }

    [Display(Name = "备注")]
    public string? Note { get; set; }
}

internal sealed class WelfareCaseConfiguration : IEntityTypeConfiguration<WelfareCase>
{
    public void Configure(EntityTypeBuilder<WelfareCase> builder)
    {
        builder.ToTable("WelfareCases");
        builder.Property(c => c.Reason).HasMaxLength(WelfareCase.ReasonMaxLength);
        builder.Property(c => c.Officer).HasMaxLength(50);
        builder.Property(c => c.CommunityContact).HasMaxLength(100);
        builder.Property(c => c.ClosingReason).HasMaxLength(200);
        builder.HasBookkeeping();
        builder.HasOne(c => c.Retiree).WithMany().HasForeignKey(c => c.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.FollowUps).WithOne(f => f.Case).HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Payments).WithOne(p => p.Case).HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.RetireeId, c.OpenedOn });
        builder.HasIndex(c => new { c.Status, c.NextFollowUpOn });
        builder.HasIndex(c => new { c.Type, c.OpenedOn });
    }
}

internal sealed class CaseFollowUpConfiguration : IEntityTypeConfiguration<CaseFollowUp>
{
    public void Configure(EntityTypeBuilder<CaseFollowUp> builder)
    {
        builder.ToTable("CaseFollowUps");
        builder.Property(f => f.Note).HasMaxLength(1000);
        builder.HasBookkeeping();
        builder.HasOne(f => f.Retiree).WithMany().HasForeignKey(f => f.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.CaseId, f.Date });
        builder.HasIndex(f => f.RetireeId);
    }
}

internal sealed class CasePaymentConfiguration : IEntityTypeConfiguration<CasePayment>
{
    public void Configure(EntityTypeBuilder<CasePayment> builder)
    {
        builder.ToTable("CasePayments");
        builder.Property(p => p.ApprovedBy).HasMaxLength(50);
        builder.Property(p => p.Note).HasMaxLength(200);
        builder.HasBookkeeping();
        builder.HasOne(p => p.Retiree).WithMany().HasForeignKey(p => p.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.CaseId, p.PaidOn });
        builder.HasIndex(p => new { p.PaidOn, p.RetireeId });
    }
}
