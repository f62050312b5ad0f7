using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Activities;

/// <summary>
/// An event the office or a unit holds for retirees (a forum, a home-coming day, the Double Ninth celebration, a
/// golden-wedding celebration…): when, where, who organised it, whom it invited and who came.
/// </summary>
[EntityLabel("活动", Order = 50)]
public class Activity : AuditableEntity
{
    public const int TitleMaxLength = 100;

    [Display(Name = "活动类型")]
    public ActivityKind Kind { get; set; }

    [Display(Name = "活动名称")]
    public required string Title { get; set; }

    [Display(Name = "活动日期")]
    public DateOnly Date { get; set; }

    [Display(Name = "活动地点")]
    public string? Place { get; set; }

    /// <summary>The unit that organised it; none when the district office did (its unit officers may not edit it).</summary>
    [Display(Name = "主办单位")]
    public int? OrganiserUnitId { get; set; }

    public Unit? OrganiserUnit { get; set; }

    /// <summary>People who came but are not in the register (family, guests, officials), counted in the attendance.</summary>
    [Display(Name = "其他参加人数")]
    public int GuestCount { get; set; }

    [Display(Name = "说明")]
    public string? Note { get; set; }
}

public enum ActivityKind
{
    [Display(Name = "座谈会")]
    Forum = 1,

    [Display(Name = "三看活动")]
    ThreeLooks = 2,

    [Display(Name = "回娘家")]
    HomeComing = 3,

    [Display(Name = "网络小组活动")]
    NetworkGroup = 4,

    [Display(Name = "组长、支部书记月度学习")]
    MonthlyStudy = 5,

    [Display(Name = "骨干培训")]
    OfficerTraining = 6,

    [Display(Name = "微党校")]
    MicroPartySchool = 7,

    [Display(Name = "重阳节庆祝")]
    DoubleNinth = 8,

    [Display(Name = "金婚庆典")]
    GoldenWedding = 9,

    [Display(Name = "其他")]
    Other = 99,
}

/// <summary>A retiree invited to an event, and how far they came: confirmed, attended, or sent regrets.</summary>
[EntityLabel("活动参加人", Order = 51)]
public class ActivityParticipant : AuditableEntity, IRetireeScoped
{
    [Display(Name = "活动")]
    public int ActivityId { get; set; }

    public Activity? Activity { get; set; }

    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "状态")]
    public ParticipationStatus Status { get; set; } = ParticipationStatus.Invited;

    /// <summary>For a golden-wedding couple: the spouse as the register had them when invited (they may not be in it).</summary>
    [Display(Name = "配偶姓名")]
    public string? SpouseName { get; set; }
}

public enum ParticipationStatus
{
    [Display(Name = "已邀请")]
    Invited = 1,

    [Display(Name = "已确认")]
    Confirmed = 2,

    [Display(Name = "已参加")]
    Attended = 3,

    [Display(Name = "不参加")]
    Declined = 4,
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>, IEntityTypeConfiguration<ActivityParticipant>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("Activities");
        builder.Property(a => a.Title).HasMaxLength(Activity.TitleMaxLength);
        builder.Property(a => a.Place).HasMaxLength(100);
        builder.Property(a => a.Note).HasMaxLength(500);
        builder.HasBookkeeping();
        builder.HasOne(a => a.OrganiserUnit).WithMany().HasForeignKey(a => a.OrganiserUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.Date);
        builder.HasIndex(a => new { a.OrganiserUnitId, a.Date });
    }

    public void Configure(EntityTypeBuilder<ActivityParticipant> builder)
    {
        builder.ToTable("ActivityParticipants");
        builder.Property(p => p.SpouseName).HasMaxLength(Retiree.NameMaxLength);
        builder.HasBookkeeping();
        builder.HasOne(p => p.Activity).WithMany().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Retiree).WithMany().HasForeignKey(p => p.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ActivityId, p.RetireeId }).IsUnique();

        // "Already celebrated": a person's golden-wedding invitations.
        builder.HasIndex(p => p.RetireeId);
    }
}
