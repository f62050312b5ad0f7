using Intranet.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Register;

/// <summary>One retired staff member in the register (退休教工信息数据库).</summary>
public class Retiree : AuditableEntity
{
    /// <summary>From this age a retiree counts as very old (高龄).</summary>
    public const int VeryOldAge = 80;

    public required string Name { get; set; }

    public Gender Gender { get; set; }

    /// <summary>Normalised 18-character resident ID number; unique in the register.</summary>
    public required string IdNumber { get; set; }

    public DateOnly BirthDate { get; set; }

    /// <summary>Some retirees keep their birthday by the lunar calendar; reminders then follow it.</summary>
    public bool BirthdayIsLunar { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    /// <summary>Sub-district (街道).</summary>
    public string? Subdistrict { get; set; }

    /// <summary>Residents' committee (居委会 / 社区).</summary>
    public string? Community { get; set; }

    public int UnitId { get; set; }

    public Unit? Unit { get; set; }

    public int? GroupId { get; set; }

    public RetireeGroup? Group { get; set; }

    public DateOnly? RetirementDate { get; set; }

    /// <summary>Former post (原职务), e.g. 教师, 副校长.</summary>
    public string? FormerPost { get; set; }

    /// <summary>Professional title (职称), e.g. 中学高级教师.</summary>
    public string? Title { get; set; }

    /// <summary>Set for party members: the retiree party branch they belong to.</summary>
    public int? PartyBranchId { get; set; }

    public PartyBranch? PartyBranch { get; set; }

    /// <summary>Member of the retired teachers' association (退教协会员).</summary>
    public bool IsAssociationMember { get; set; }

    public string? SpouseName { get; set; }

    public DateOnly? MarriageDate { get; set; }

    public string? EmergencyContactName { get; set; }

    public string? EmergencyContactPhone { get; set; }

    public string? EmergencyContactRelation { get; set; }

    public HealthStatus HealthStatus { get; set; } = HealthStatus.Good;

    public LivingSituation LivingSituation { get; set; } = LivingSituation.WithSpouse;

    public string? HealthNotes { get; set; }

    public CareCategories CareCategories { get; set; }

    public bool IsDeceased { get; set; }

    public DateOnly? DeathDate { get; set; }

    public string? Notes { get; set; }

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate > day.AddYears(-age) ? age - 1 : age;
    }
}

internal sealed class RetireeConfiguration : IEntityTypeConfiguration<Retiree>
{
    public void Configure(EntityTypeBuilder<Retiree> builder)
    {
        builder.ToTable("Retirees");
        builder.Property(r => r.Name).HasMaxLength(50);
        builder.Property(r => r.IdNumber).HasMaxLength(18).IsUnicode(false);
        builder.HasIndex(r => r.IdNumber).IsUnique();
        builder.Property(r => r.Phone).HasMaxLength(30);
        builder.Property(r => r.Address).HasMaxLength(200);
        builder.Property(r => r.Subdistrict).HasMaxLength(50);
        builder.Property(r => r.Community).HasMaxLength(50);
        builder.Property(r => r.FormerPost).HasMaxLength(50);
        builder.Property(r => r.Title).HasMaxLength(50);
        builder.Property(r => r.SpouseName).HasMaxLength(50);
        builder.Property(r => r.EmergencyContactName).HasMaxLength(50);
        builder.Property(r => r.EmergencyContactPhone).HasMaxLength(30);
        builder.Property(r => r.EmergencyContactRelation).HasMaxLength(20);
        builder.Property(r => r.HealthNotes).HasMaxLength(500);
        builder.Property(r => r.Notes).HasMaxLength(1000);
        builder.Property(r => r.CreatedBy).HasMaxLength(100);
        builder.Property(r => r.UpdatedBy).HasMaxLength(100);
        builder.Property(r => r.Version).IsConcurrencyToken();

        builder.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Group).WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(r => r.PartyBranch).WithMany().HasForeignKey(r => r.PartyBranchId).OnDelete(DeleteBehavior.SetNull);

        // The list filters by unit (every unit officer's query), group and branch, and sorts by name.
        builder.HasIndex(r => new { r.UnitId, r.Name });
        builder.HasIndex(r => r.GroupId);
        builder.HasIndex(r => r.PartyBranchId);
        builder.HasIndex(r => r.Name);
        builder.HasIndex(r => r.BirthDate);
    }
}
