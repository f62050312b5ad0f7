using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Audit;
using Intranet.Domain.Common;
using Intranet.Domain.Register.Pinyin;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Register;

/// <summary>One retired staff member in the register (退休教工信息数据库).</summary>
[EntityLabel("退休教工", Order = 10)]
public class Retiree : AuditableEntity, IGroupScoped, IDerivesFields
{
    /// <summary>From this age a retiree counts as very old (高龄).</summary>
    public const int VeryOldAge = 80;

    public const int NameMaxLength = 50;

    public const int NamePinyinMaxLength = 200;

    [Display(Name = "姓名")]
    public required string Name { get; set; }

    /// <summary>
    /// The name in pinyin, syllables apart (王秀英 → <c>wang xiu ying</c>): the list sorts by it. This and the next
    /// two keys are derived from <see cref="Name"/> whenever the retiree is saved (<see cref="DeriveFields"/>).
    /// </summary>
    [AuditIgnore]
    public string NamePinyin { get; set; } = string.Empty;

    /// <summary>First letters of the name's syllables (<c>wxy</c>), for searching by initials.</summary>
    [AuditIgnore]
    public string NameInitials { get; set; } = string.Empty;

    /// <summary>The pinyin run together (<c>wangxiuying</c>), for searching by full pinyin.</summary>
    [AuditIgnore]
    public string NamePinyinCompact { get; set; } = string.Empty;

    [Display(Name = "性别")]
    public Gender Gender { get; set; }

    /// <summary>Normalised 18-character resident ID number; unique in the register.</summary>
    [Display(Name = "身份证号")]
    public required string IdNumber { get; set; }

    [Display(Name = "出生日期")]
    public DateOnly BirthDate { get; set; }

    /// <summary>Some retirees keep their birthday by the lunar calendar; reminders then follow it.</summary>
    [Display(Name = "按农历过生日")]
    public bool BirthdayIsLunar { get; set; }

    [Display(Name = "联系电话")]
    public string? Phone { get; set; }

    [Display(Name = "住址")]
    public string? Address { get; set; }

    /// <summary>Sub-district (街道).</summary>
    [Display(Name = "街道")]
    public string? Subdistrict { get; set; }

    /// <summary>Residents' committee (居委会 / 社区).</summary>
    [Display(Name = "社区（居委会）")]
    public string? Community { get; set; }

    [Display(Name = "单位")]
    public int UnitId { get; set; }

    public Unit? Unit { get; set; }

    [Display(Name = "退休小组")]
    public int? GroupId { get; set; }

    public RetireeGroup? Group { get; set; }

    [Display(Name = "退休日期")]
    public DateOnly? RetirementDate { get; set; }

    /// <summary>Former post (原职务), e.g. 教师, 副校长.</summary>
    [Display(Name = "原职务")]
    public string? FormerPost { get; set; }

    /// <summary>Professional title (职称), e.g. 中学高级教师.</summary>
    [Display(Name = "职称")]
    public string? Title { get; set; }

    /// <summary>Set for party members: the retiree party branch they belong to.</summary>
    [Display(Name = "退休支部")]
    public int? PartyBranchId { get; set; }

    public PartyBranch? PartyBranch { get; set; }

    /// <summary>Member of the retired teachers' association (退教协会员).</summary>
    [Display(Name = "退教协会员")]
    public bool IsAssociationMember { get; set; }

    [Display(Name = "配偶姓名")]
    public string? SpouseName { get; set; }

    [Display(Name = "结婚日期")]
    public DateOnly? MarriageDate { get; set; }

    /// <summary>The spouse has died (widowed): no golden-wedding invitation, whether or not the spouse was in the register.</summary>
    [Display(Name = "配偶已故")]
    public bool SpouseIsDeceased { get; set; }

    [Display(Name = "紧急联系人")]
    public string? EmergencyContactName { get; set; }

    [Display(Name = "紧急联系人电话")]
    public string? EmergencyContactPhone { get; set; }

    [Display(Name = "与本人关系")]
    public string? EmergencyContactRelation { get; set; }

    [Display(Name = "健康状况")]
    public HealthStatus HealthStatus { get; set; } = HealthStatus.Good;

    [Display(Name = "居住情况")]
    public LivingSituation LivingSituation { get; set; } = LivingSituation.WithSpouse;

    /// <summary>Health data (PIPL): read by district staff and the unit officer only (<see cref="PersonalDataRules.SeesHealthNotes"/>).</summary>
    [Display(Name = "健康说明")]
    [HealthData]
    public string? HealthNotes { get; set; }

    [Display(Name = "关爱类别")]
    public CareCategories CareCategories { get; set; }

    [Display(Name = "已故")]
    public bool IsDeceased { get; set; }

    [Display(Name = "去世日期")]
    public DateOnly? DeathDate { get; set; }

    [Display(Name = "备注")]
    public string? Notes { get; set; }

    /// <summary>The pinyin keys stored for <paramref name="name"/>, cut to fit their columns.</summary>
    public static PinyinKeys NameKeys(string name)
    {
        var keys = ChinesePinyin.Keys(name);
        return new PinyinKeys(Cut(keys.SortKey, NamePinyinMaxLength), Cut(keys.Initials, NameMaxLength), Cut(keys.Compact, NamePinyinMaxLength));

        // A cut key still sorts and matches by its start; only absurdly long names reach the limit.
        static string Cut(string key, int maxLength) =>
            key.Length <= maxLength ? key : key[..(char.IsHighSurrogate(key[maxLength - 1]) ? maxLength - 1 : maxLength)];
    }

    /// <summary>The name's pinyin keys, kept in step with the name whenever the retiree is saved.</summary>
    public void DeriveFields(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Name is not { } name)
        {
            return;
        }

        var keys = NameKeys(name);
        Set(nameof(NamePinyin), keys.SortKey);
        Set(nameof(NameInitials), keys.Initials);
        Set(nameof(NamePinyinCompact), keys.Compact);

        void Set(string property, string value)
        {
            var field = entry.Property(property);
            if (!string.Equals((string?)field.CurrentValue, value, StringComparison.Ordinal))
            {
                field.CurrentValue = value;
            }
        }
    }

    public int AgeOn(DateOnly day) => AgeOn(BirthDate, day);

    /// <summary>The retirees a save is recording as dead (deceased now, not before), for what a death sets off.</summary>
    public static IEnumerable<Retiree> DyingIn(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        return tracker.Entries<Retiree>()
            .Where(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Modified && e.Entity.IsDeceased && !e.Property(r => r.IsDeceased).OriginalValue)
            .Select(e => e.Entity);
    }

    /// <summary>Age in whole years on <paramref name="day"/>, counting a birthday on that day.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        return birthDate > day.AddYears(-age) ? age - 1 : age;
    }
}

internal sealed class RetireeConfiguration : IEntityTypeConfiguration<Retiree>
{
    public void Configure(EntityTypeBuilder<Retiree> builder)
    {
        builder.ToTable("Retirees");
        builder.Property(r => r.Name).HasMaxLength(Retiree.NameMaxLength);

        // Derived on save. The database default only stands in for rows older than the columns, until start-up
        // fills theirs in (DatabaseStartup); EnsureCreated and the migration agree on it.
        builder.Property(r => r.NamePinyin).HasMaxLength(Retiree.NamePinyinMaxLength).HasDefaultValue(string.Empty);
        builder.Property(r => r.NameInitials).HasMaxLength(Retiree.NameMaxLength).HasDefaultValue(string.Empty);
        builder.Property(r => r.NamePinyinCompact).HasMaxLength(Retiree.NamePinyinMaxLength).HasDefaultValue(string.Empty);
        builder.Property(r => r.SpouseIsDeceased).HasDefaultValue(false);
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

        // The list filters by unit (every unit officer's query), group and branch, sorts by name's pinyin, and
        // searches by pinyin prefixes (ranges on the key indexes).
        // The default order (unit by unit, each by pinyin) read straight from the index, with no sort of the whole
        // register per page; Id and IsDeceased make it covering, so a deep page walks the index alone.
        builder.HasIndex(r => new { r.UnitId, r.NamePinyin, r.Name, r.Id, r.IsDeceased });
        builder.HasIndex(r => r.GroupId);
        builder.HasIndex(r => r.PartyBranchId);
        builder.HasIndex(r => r.Name);
        builder.HasIndex(r => r.NamePinyin);
        builder.HasIndex(r => r.NameInitials);
        builder.HasIndex(r => r.NamePinyinCompact);
        builder.HasIndex(r => r.BirthDate);

        // The golden-wedding list, longest married first: walked in this order, it stops at the rows shown.
        builder.HasIndex(r => new { r.MarriageDate, r.NamePinyin });
    }
}
