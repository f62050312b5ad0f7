using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Audit;

public enum AuditAction
{
    [Display(Name = "新建")]
    Create = 1,
    [Display(Name = "修改")]
    Update = 2,
    [Display(Name = "删除")]
    Delete = 3,

    /// <summary>Two records of one person made one: the line is the survivor's, its EntityId the record merged away.</summary>
    [Display(Name = "合并")]
    Merge = 4,
    [Display(Name = "登录")]
    SignIn = 10,
    [Display(Name = "登录失败")]
    SignInFailed = 11,
    [Display(Name = "账户锁定")]
    LockedOut = 12,
    [Display(Name = "退出登录")]
    SignOut = 13,
    [Display(Name = "修改密码")]
    PasswordChanged = 14,
    [Display(Name = "越权访问被拒")]
    AccessDenied = 20,
    [Display(Name = "查看完整信息")]
    Reveal = 21,
    [Display(Name = "导出")]
    Export = 22,
    [Display(Name = "导入")]
    Import = 23,
}

/// <summary>
/// One line of the audit trail. Written in the same transaction as the change it records; never
/// changed or deleted by the app (<see cref="Data.IntranetDbContext"/> refuses to).
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; set; }

    public string? UserName { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>The entity's CLR name, e.g. <c>Retiree</c>.</summary>
    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>The retiree the line concerns, so a person's whole history can be found.</summary>
    public int? RetireeId { get; set; }

    /// <summary>A readable name for what was touched: the retiree's or the account's name.</summary>
    public string? Subject { get; set; }

    /// <summary>JSON array of <see cref="FieldChange"/>.</summary>
    public string? Changes { get; set; }

    /// <summary>Free text: the export's filter and row count, a denied URL, a failed sign-in's reason.</summary>
    public string? Details { get; set; }

    public string? IpAddress { get; set; }
}

public sealed record FieldChange(string Field, string? Old, string? New);

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.UserName).HasMaxLength(64);
        builder.Property(a => a.EntityType).HasMaxLength(64);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.Property(a => a.Subject).HasMaxLength(100);
        builder.Property(a => a.Details).HasMaxLength(2000);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.UserName, a.At });
        builder.HasIndex(a => new { a.RetireeId, a.At });
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
