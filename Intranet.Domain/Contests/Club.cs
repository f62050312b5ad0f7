using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Contests;

/// <summary>A club, salon or art troupe (社团、沙龙、老教师艺术团) with its members; a troupe can enter contests.</summary>
[EntityLabel("社团", Order = 60)]
public class Club : AuditableEntity
{
    public const int NameMaxLength = 50;

    [Display(Name = "名称")]
    public required string Name { get; set; }

    [Display(Name = "类型")]
    public ClubKind Kind { get; set; }

    [Display(Name = "负责人")]
    public string? Leader { get; set; }

    [Display(Name = "成立日期")]
    public DateOnly? FoundedOn { get; set; }

    [Display(Name = "活动时间地点")]
    public string? Meets { get; set; }

    [Display(Name = "已解散")]
    public bool IsDisbanded { get; set; }
}

public enum ClubKind
{
    [Display(Name = "社团")]
    Club = 1,

    [Display(Name = "沙龙")]
    Salon = 2,

    [Display(Name = "艺术团")]
    Troupe = 3,
}

/// <summary>A retiree belonging to a club, from when to when.</summary>
[EntityLabel("社团成员", Order = 61)]
public class ClubMember : AuditableEntity, IRetireeScoped
{
    [Display(Name = "社团")]
    public int ClubId { get; set; }

    public Club? Club { get; set; }

    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "职务")]
    public string? Role { get; set; }

    [Display(Name = "加入日期")]
    public DateOnly JoinedOn { get; set; }

    [Display(Name = "退出日期")]
    public DateOnly? LeftOn { get; set; }
}

internal sealed class ClubConfiguration : IEntityTypeConfiguration<Club>, IEntityTypeConfiguration<ClubMember>
{
    public void Configure(EntityTypeBuilder<Club> builder)
    {
        builder.ToTable("Clubs");
        builder.Property(c => c.Name).HasMaxLength(Club.NameMaxLength);
        builder.Property(c => c.Leader).HasMaxLength(50);
        builder.Property(c => c.Meets).HasMaxLength(100);
        builder.HasBookkeeping();
        builder.HasIndex(c => c.Name).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ClubMember> builder)
    {
        builder.ToTable("ClubMembers");
        builder.Property(m => m.Role).HasMaxLength(20);
        builder.HasBookkeeping();
        builder.HasOne(m => m.Club).WithMany().HasForeignKey(m => m.ClubId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Retiree).WithMany().HasForeignKey(m => m.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.ClubId, m.RetireeId }).IsUnique();
        builder.HasIndex(m => m.RetireeId);
    }
}
