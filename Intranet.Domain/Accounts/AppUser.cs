using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Audit;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Accounts;

/// <summary>A person who signs in. Accounts are made by an administrator; nobody registers themselves.</summary>
[EntityLabel("账户", Order = 90)]
public class AppUser : AuditableEntity
{
    [Display(Name = "登录名")]
    public required string UserName { get; set; }

    [AuditIgnore]
    public required string NormalizedUserName { get; set; }

    [Display(Name = "姓名")]
    public required string DisplayName { get; set; }

    /// <summary>Where the daily reminder digest goes, when the office has set up mail; none, none sent.</summary>
    [Display(Name = "电子邮箱")]
    public string? Email { get; set; }

    public const int EmailMaxLength = 100;

    /// <summary>How many passwords an account may not reuse: the current one and the ones before it.</summary>
    public const int RememberedPasswords = 5;

    [Display(Name = "密码"), AuditRedact]
    public string? PasswordHash { get; private set; }

    /// <summary>The hashes of the passwords before the current one, newest first, one a line.</summary>
    [AuditIgnore]
    public string? PreviousPasswordHashes { get; private set; }

    /// <summary>The current password's hash and the ones before it, newest first.</summary>
    public IReadOnlyList<string> RecentPasswordHashes =>
        [.. new[] { PasswordHash }.OfType<string>(), .. (PreviousPasswordHashes ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Sets a new password hash, remembering the old one so it cannot be chosen again soon.</summary>
    public void ReplacePasswordHash(string? hash)
    {
        if (PasswordHash is not null && hash != PasswordHash)
        {
            PreviousPasswordHashes = string.Join('\n', RecentPasswordHashes.Take(RememberedPasswords - 1));
        }

        PasswordHash = hash;
    }

    [AuditIgnore]
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    [Display(Name = "角色")]
    public UserRole Role { get; set; }

    /// <summary>The unit a unit officer or group leader belongs to.</summary>
    [Display(Name = "单位")]
    public int? UnitId { get; set; }

    public Unit? Unit { get; set; }

    /// <summary>The group a group leader leads.</summary>
    [Display(Name = "退休小组")]
    public int? GroupId { get; set; }

    public RetireeGroup? Group { get; set; }

    [Display(Name = "首次登录须改密码")]
    public bool MustChangePassword { get; set; }

    [Display(Name = "锁定至")]
    public DateTimeOffset? LockoutEnd { get; set; }

    [AuditIgnore]
    public bool LockoutEnabled { get; set; } = true;

    [AuditIgnore]
    public int AccessFailedCount { get; set; }

    [Display(Name = "停用")]
    public bool IsDisabled { get; set; }

    [AuditIgnore]
    public DateTime? LastSignInAt { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.ToTable("Users");
        builder.Property(u => u.UserName).HasMaxLength(64);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(64);
        builder.HasIndex(u => u.NormalizedUserName).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(50);
        builder.Property(u => u.Email).HasMaxLength(AppUser.EmailMaxLength);
        builder.Property(u => u.PasswordHash).HasMaxLength(200);
        builder.Property(u => u.PreviousPasswordHashes).HasMaxLength(1000);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.Property(u => u.CreatedBy).HasMaxLength(100);
        builder.Property(u => u.UpdatedBy).HasMaxLength(100);
        builder.Property(u => u.Version).IsConcurrencyToken();
        builder.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Group).WithMany().HasForeignKey(u => u.GroupId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(u => u.UnitId);
        builder.HasIndex(u => u.GroupId);
    }
}
