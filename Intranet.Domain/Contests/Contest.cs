using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Contests;

/// <summary>A contest retirees or troupes enter (征文、书画、摄影、合唱、健身展示…), with its organiser and level.</summary>
[EntityLabel("比赛", Order = 62)]
public class Contest : AuditableEntity
{
    public const int TitleMaxLength = 100;

    [Display(Name = "比赛名称")]
    public required string Title { get; set; }

    [Display(Name = "类别")]
    public ContestKind Kind { get; set; }

    [Display(Name = "主办方")]
    public string? Organiser { get; set; }

    [Display(Name = "级别")]
    public AwardLevel Level { get; set; }

    [Display(Name = "开始日期")]
    public DateOnly StartsOn { get; set; }

    [Display(Name = "结束日期")]
    public DateOnly EndsOn { get; set; }
}

public enum ContestKind
{
    [Display(Name = "征文")]
    Essay = 1,

    [Display(Name = "书画")]
    CalligraphyPainting = 2,

    [Display(Name = "摄影")]
    Photography = 3,

    [Display(Name = "合唱")]
    Chorus = 4,

    [Display(Name = "健身展示")]
    Fitness = 5,

    [Display(Name = "文艺汇演")]
    Performance = 6,

    [Display(Name = "其他")]
    Other = 9,
}

public enum AwardLevel
{
    [Display(Name = "国家级")]
    National = 1,

    [Display(Name = "省级")]
    Provincial = 2,

    [Display(Name = "市级")]
    City = 3,

    [Display(Name = "区级")]
    District = 4,

    [Display(Name = "系统内")]
    Internal = 5,
}

public enum AwardRank
{
    [Display(Name = "一等奖")]
    First = 1,

    [Display(Name = "二等奖")]
    Second = 2,

    [Display(Name = "三等奖")]
    Third = 3,

    [Display(Name = "优秀奖")]
    Excellence = 4,

    [Display(Name = "参与奖")]
    Participation = 5,
}

/// <summary>
/// A work or performance entered in a contest, by a retiree or by a troupe, and its result once judged: the award's
/// level (the contest's, unless the entry went on to a higher round) and its rank, on the day it was announced.
/// </summary>
[EntityLabel("参赛作品", Order = 63)]
public class ContestEntry : AuditableEntity, IMaybeRetireeScoped
{
    public const int TitleMaxLength = 100;

    [Display(Name = "比赛")]
    public int ContestId { get; set; }

    public Contest? Contest { get; set; }

    [Display(Name = "退休教工")]
    public int? RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "艺术团")]
    public int? ClubId { get; set; }

    public Club? Club { get; set; }

    [Display(Name = "作品（节目）名称")]
    public required string Title { get; set; }

    [Display(Name = "获奖级别")]
    public AwardLevel? AwardLevel { get; set; }

    [Display(Name = "获奖等次")]
    public AwardRank? AwardRank { get; set; }

    [Display(Name = "获奖日期")]
    public DateOnly? AwardedOn { get; set; }
}

internal sealed class ContestConfiguration : IEntityTypeConfiguration<Contest>, IEntityTypeConfiguration<ContestEntry>
{
    public void Configure(EntityTypeBuilder<Contest> builder)
    {
        builder.ToTable("Contests");
        builder.Property(c => c.Title).HasMaxLength(Contest.TitleMaxLength);
        builder.Property(c => c.Organiser).HasMaxLength(100);
        builder.HasBookkeeping();
        builder.HasIndex(c => c.EndsOn);
    }

    public void Configure(EntityTypeBuilder<ContestEntry> builder)
    {
        builder.ToTable("ContestEntries", t => t.HasCheckConstraint("CK_ContestEntries_OneEntrant", "(RetireeId IS NULL) <> (ClubId IS NULL)"));
        builder.Property(e => e.Title).HasMaxLength(ContestEntry.TitleMaxLength);
        builder.HasBookkeeping();
        builder.HasOne(e => e.Contest).WithMany().HasForeignKey(e => e.ContestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Retiree).WithMany().HasForeignKey(e => e.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Club).WithMany().HasForeignKey(e => e.ClubId).OnDelete(DeleteBehavior.Restrict);
        // One work of one title per entrant in a contest (NULLs are distinct, so each index binds only its own kind
        // of entrant): a save clicked twice at once leaves one entry.
        builder.HasIndex(e => new { e.ContestId, e.RetireeId, e.Title }).IsUnique();
        builder.HasIndex(e => new { e.ContestId, e.ClubId, e.Title }).IsUnique();
        builder.HasIndex(e => e.RetireeId);
        builder.HasIndex(e => e.ClubId);

        // A year's results by level and rank.
        builder.HasIndex(e => new { e.AwardedOn, e.AwardLevel, e.AwardRank });
    }
}
