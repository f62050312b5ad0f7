using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Welfare;

/// <summary>
/// A visit round ("2026 春节慰问"): a cohort chosen from the register and frozen when the campaign is created, split
/// by unit so each unit officer works through their part, each person ticked off as their visit is recorded.
/// The campaign itself is the district's; who is on it, and their visits, follow each person's scope.
/// </summary>
[EntityLabel("慰问活动", Order = 27)]
public class VisitCampaign : AuditableEntity
{
    [Display(Name = "名称")]
    public required string Name { get; set; }

    [Display(Name = "慰问事由")]
    public VisitOccasion Occasion { get; set; }

    [Display(Name = "开始日期")]
    public DateOnly StartsOn { get; set; }

    [Display(Name = "截止日期")]
    public DateOnly EndsOn { get; set; }

    /// <summary>The cohort in words, as it was chosen ("80岁及以上；独居").</summary>
    [Display(Name = "慰问对象")]
    public required string Cohort { get; set; }

    [Display(Name = "慰问品")]
    public string? Gift { get; set; }

    /// <summary>Money planned per person, in whole fen.</summary>
    [Display(Name = "慰问金（分）")]
    public long? AmountFen { get; set; }
}

/// <summary>One person of a campaign's frozen list, with the unit they belonged to then; done once their visit is recorded.</summary>
[EntityLabel("慰问名单", Order = 28)]
public class CampaignEntry : AuditableEntity, IRetireeScoped
{
    [Display(Name = "慰问活动")]
    public int CampaignId { get; set; }

    public VisitCampaign? Campaign { get; set; }

    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    /// <summary>The unit when the list was frozen: the campaign's split does not move when a person changes unit.</summary>
    [Display(Name = "单位")]
    public int UnitId { get; set; }

    [Display(Name = "慰问记录")]
    public int? VisitId { get; set; }

    public Visit? Visit { get; set; }
}

internal sealed class VisitCampaignConfiguration : IEntityTypeConfiguration<VisitCampaign>
{
    public void Configure(EntityTypeBuilder<VisitCampaign> builder)
    {
        builder.ToTable("VisitCampaigns");
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Cohort).HasMaxLength(300);
        builder.Property(c => c.Gift).HasMaxLength(100);
        builder.HasBookkeeping();
        builder.HasIndex(c => c.StartsOn);
    }
}

internal sealed class CampaignEntryConfiguration : IEntityTypeConfiguration<CampaignEntry>
{
    public void Configure(EntityTypeBuilder<CampaignEntry> builder)
    {
        builder.ToTable("CampaignEntries");
        builder.HasBookkeeping();
        builder.HasOne(e => e.Campaign).WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Retiree).WithMany().HasForeignKey(e => e.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Visit).WithMany().HasForeignKey(e => e.VisitId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Unit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);

        // One place per person per campaign; progress per unit reads (campaign, unit, done) from the index alone.
        builder.HasIndex(e => new { e.CampaignId, e.RetireeId }).IsUnique();
        builder.HasIndex(e => new { e.CampaignId, e.UnitId, e.VisitId });
        builder.HasIndex(e => e.RetireeId);
        builder.HasIndex(e => e.VisitId);
    }
}
