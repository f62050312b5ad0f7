using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Intranet.Domain.Welfare;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Reminders;

/// <summary>
/// Something the office must not miss (待办提醒): a 90th birthday, a case follow-up, the Double Ninth visits. Raised
/// by the daily scan, at most once per natural key (<see cref="Kind"/>, <see cref="SubjectId"/>, <see cref="OccasionOn"/>)
/// however many times and on however many servers the scan runs; then done, dismissed, snoozed or closed by itself.
/// A reminder about a person is in scope when the person is; one without (a festival, a class) is the district's.
/// </summary>
[EntityLabel("待办提醒", Order = 95)]
public class Reminder : AuditableEntity, IMaybeRetireeScoped
{
    public const int DetailMaxLength = 200;

    [Display(Name = "提醒类型")]
    public ReminderKind Kind { get; set; }

    /// <summary>What the reminder is about, by kind: the person, the case, the class, the festival (<see cref="VisitOccasion"/>).</summary>
    [Display(Name = "对象编号")]
    public int SubjectId { get; set; }

    /// <summary>The day of the occasion itself (the birthday this year, the festival, the follow-up date): part of the key.</summary>
    [Display(Name = "日期")]
    public DateOnly OccasionOn { get; set; }

    /// <summary>When it should be acted on; sorts the inbox and marks it overdue.</summary>
    [Display(Name = "到期日期")]
    public DateOnly DueOn { get; set; }

    [Display(Name = "退休教工")]
    public int? RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    /// <summary>The reason in a line of Chinese ("90 岁生日（农历八月十五）"), written when raised.</summary>
    [Display(Name = "事由")]
    public required string Detail { get; set; }

    [Display(Name = "状态")]
    public ReminderStatus Status { get; set; } = ReminderStatus.Open;

    /// <summary>Out of the inbox and its count until this day.</summary>
    [Display(Name = "暂缓至")]
    public DateOnly? SnoozedUntil { get; set; }

    [Display(Name = "办结日期")]
    public DateOnly? ClosedOn { get; set; }

    /// <summary>Why it closed, when not by a person's hand ("已去世", "个案已结案").</summary>
    [Display(Name = "办结说明")]
    public string? ClosedNote { get; set; }

    /// <summary>The visit that fulfilled it, recorded from the reminder or anywhere else.</summary>
    [Display(Name = "慰问记录")]
    public int? VisitId { get; set; }

    public Visit? Visit { get; set; }

    /// <summary>The visit campaign created from a festival's reminder.</summary>
    [Display(Name = "慰问活动")]
    public int? CampaignId { get; set; }

    public VisitCampaign? Campaign { get; set; }

    public bool IsOpen => Status == ReminderStatus.Open;

    /// <summary>Closes an open reminder; a closed one is left as it is (the first close wins).</summary>
    public void Close(ReminderStatus status, DateOnly on, string? note = null)
    {
        if (Status != ReminderStatus.Open)
        {
            return;
        }

        Status = status;
        ClosedOn = on;
        ClosedNote = note;
        SnoozedUntil = null;
    }
}

public enum ReminderKind
{
    [Display(Name = "生日")]
    Birthday = 1,

    [Display(Name = "节日慰问")]
    HolidayVisit = 2,

    [Display(Name = "体检到期")]
    HealthCheckDue = 3,

    [Display(Name = "体检未参加")]
    HealthCheckMissed = 4,

    [Display(Name = "个案回访")]
    CaseFollowUp = 5,

    [Display(Name = "结婚纪念")]
    WeddingAnniversary = 6,

    [Display(Name = "吊唁慰问")]
    Condolence = 7,

    [Display(Name = "开班")]
    ClassStarting = 8,

    /// <summary>After downtime: occasions too far past to raise one by one, counted in one line.</summary>
    [Display(Name = "停机期间错过")]
    MissedWhileDown = 9,
}

public enum ReminderStatus
{
    [Display(Name = "待办")]
    Open = 1,

    [Display(Name = "已办")]
    Done = 2,

    [Display(Name = "不需办理")]
    Dismissed = 3,

    /// <summary>Closed by the app: the person died, the case was closed, the occasion no longer applies.</summary>
    [Display(Name = "自动关闭")]
    Closed = 4,
}

public static class ReminderKinds
{
    /// <summary>Kinds about a living person's occasions: they end when the person dies.</summary>
    public static bool EndsAtDeath(this ReminderKind kind) => kind is not (ReminderKind.Condolence or ReminderKind.MissedWhileDown or ReminderKind.HolidayVisit or ReminderKind.ClassStarting);

    /// <summary>Kinds whose subject is the person themselves (the rest are about a case, a check, a class or a festival).</summary>
    public static bool IsAboutThePerson(this ReminderKind kind) =>
        kind is ReminderKind.Birthday or ReminderKind.WeddingAnniversary or ReminderKind.HealthCheckDue or ReminderKind.Condolence;

    /// <summary>The occasion of the visit that answers a reminder of this kind, as a visit recorded from it is filed.</summary>
    public static VisitOccasion VisitOccasion(this ReminderKind kind) => kind switch
    {
        ReminderKind.Birthday => Welfare.VisitOccasion.Birthday,
        ReminderKind.Condolence => Welfare.VisitOccasion.Condolence,
        _ => Welfare.VisitOccasion.Other,
    };

    public static string Label(this ReminderKind kind) => EnumLabel.Of(kind);

    public static string Label(this ReminderStatus status) => EnumLabel.Of(status);
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("Reminders");
        builder.HasBookkeeping();
        builder.Property(r => r.Detail).HasMaxLength(Reminder.DetailMaxLength);
        builder.Property(r => r.ClosedNote).HasMaxLength(100);
        builder.HasOne(r => r.Retiree).WithMany().HasForeignKey(r => r.RetireeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Visit).WithMany().HasForeignKey(r => r.VisitId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(r => r.Campaign).WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.SetNull);

        // The natural key: a scan run twice, on two servers at once, or again after a crash cannot raise a second one.
        builder.HasIndex(r => new { r.Kind, r.SubjectId, r.OccasionOn }).IsUnique();

        // The inbox and its count: open ones by due day; a person's open ones, which a visit or a death closes.
        builder.HasIndex(r => new { r.Status, r.DueOn });
        builder.HasIndex(r => new { r.RetireeId, r.Status });
        builder.HasIndex(r => r.VisitId);
        builder.HasIndex(r => r.CampaignId);
    }
}
