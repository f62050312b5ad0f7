using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Register;

/// <summary>A retiree party branch (退休支部); its members are the retirees that point to it.</summary>
[EntityLabel("退休支部", Order = 13)]
public class PartyBranch : AuditableEntity
{
    [Display(Name = "支部名称")]
    public required string Name { get; set; }

    [Display(Name = "支部书记")]
    public string? SecretaryName { get; set; }

    [Display(Name = "排序")]
    public int SortOrder { get; set; }
}

internal sealed class PartyBranchConfiguration : IEntityTypeConfiguration<PartyBranch>
{
    public void Configure(EntityTypeBuilder<PartyBranch> builder)
    {
        builder.ToTable("PartyBranches");
        builder.Property(b => b.Name).HasMaxLength(100);
        builder.HasIndex(b => b.Name).IsUnique();
        builder.Property(b => b.SecretaryName).HasMaxLength(50);
        builder.Property(b => b.CreatedBy).HasMaxLength(100);
        builder.Property(b => b.UpdatedBy).HasMaxLength(100);
        builder.Property(b => b.Version).IsConcurrencyToken();
    }
}
