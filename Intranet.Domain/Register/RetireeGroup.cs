using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Register;

/// <summary>A retiree group (退休小组 / 网络小组) inside a unit, led by one of its retirees.</summary>
[EntityLabel("退休小组", Order = 12)]
public class RetireeGroup : AuditableEntity
{
    [Display(Name = "小组名称")]
    public required string Name { get; set; }

    [Display(Name = "单位")]
    public int UnitId { get; set; }

    public Unit? Unit { get; set; }

    [Display(Name = "组长")]
    public int? LeaderId { get; set; }

    public Retiree? Leader { get; set; }
}

internal sealed class RetireeGroupConfiguration : IEntityTypeConfiguration<RetireeGroup>
{
    public void Configure(EntityTypeBuilder<RetireeGroup> builder)
    {
        builder.ToTable("RetireeGroups");
        builder.Property(g => g.Name).HasMaxLength(100);
        builder.HasIndex(g => new { g.UnitId, g.Name }).IsUnique();
        builder.HasOne(g => g.Unit).WithMany(u => u.Groups).HasForeignKey(g => g.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.Leader).WithMany().HasForeignKey(g => g.LeaderId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(g => g.LeaderId);
        builder.Property(g => g.CreatedBy).HasMaxLength(100);
        builder.Property(g => g.UpdatedBy).HasMaxLength(100);
        builder.Property(g => g.Version).IsConcurrencyToken();
    }
}
