using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Register;

/// <summary>A school, kindergarten, adult school or directly run unit whose retirees the office serves.</summary>
[EntityLabel("单位", Order = 11)]
public class Unit : AuditableEntity
{
    [Display(Name = "单位名称")]
    public required string Name { get; set; }

    [Display(Name = "单位类型")]
    public UnitKind Kind { get; set; }

    /// <summary>Display order in lists, as the office orders its units.</summary>
    [Display(Name = "排序")]
    public int SortOrder { get; set; }

    [Display(Name = "退管干部")]
    public string? OfficerName { get; set; }

    [Display(Name = "退管干部电话")]
    public string? OfficerPhone { get; set; }

    [Display(Name = "启用")]
    public bool IsActive { get; set; } = true;

    public List<RetireeGroup> Groups { get; } = [];
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("Units");
        builder.Property(u => u.Name).HasMaxLength(100);
        builder.HasIndex(u => u.Name).IsUnique();
        builder.HasIndex(u => u.SortOrder);
        builder.Property(u => u.OfficerName).HasMaxLength(50);
        builder.Property(u => u.OfficerPhone).HasMaxLength(30);
        builder.Property(u => u.CreatedBy).HasMaxLength(100);
        builder.Property(u => u.UpdatedBy).HasMaxLength(100);
        builder.Property(u => u.Version).IsConcurrencyToken();
    }
}
