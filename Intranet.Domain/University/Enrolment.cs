using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.University;

/// <summary>
/// An older person learning at the university who is not in the register (a resident of the district, a teacher's
/// spouse): kept with name, phone and community, and counted apart from retired teachers. Only district-wide roles
/// see them; a unit has no such people.
/// </summary>
[EntityLabel("社会学员", Order = 44)]
public class GuestLearner : AuditableEntity
{
    public const int NameMaxLength = 50;

    [Display(Name = "姓名")]
    public required string Name { get; set; }

    [Display(Name = "联系电话")]
    public string? Phone { get; set; }

    [Display(Name = "社区")]
    public string? Community { get; set; }

    [Display(Name = "出生年份")]
    public int? BirthYear { get; set; }
}

/// <summary>
/// A learner's place in a class: enrolled in a seat, waiting in line, or gone. A seat is a number from 1 to the
/// capacity, unique in its class, so two people taking the last free place at once cannot both get it on any
/// database: the second save fails and that learner joins the waiting list.
/// </summary>
[EntityLabel("报名", Order = 45)]
public class Enrolment : AuditableEntity, IMaybeRetireeScoped
{
    [Display(Name = "班级")]
    public int ClassId { get; set; }

    public UniversityClass? Class { get; set; }

    [Display(Name = "退休教工")]
    public int? RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "社会学员")]
    public int? GuestId { get; set; }

    public GuestLearner? Guest { get; set; }

    [Display(Name = "状态")]
    public EnrolmentStatus Status { get; set; }

    /// <summary>Held while enrolled; null while waiting or after leaving.</summary>
    [Display(Name = "座号")]
    public int? Seat { get; set; }

    /// <summary>Where in the waiting line: the time the person asked, first come first served.</summary>
    [Display(Name = "报名时间")]
    public DateTime AppliedAt { get; set; }

    [Display(Name = "退学日期")]
    public DateOnly? LeftOn { get; set; }
}

public enum EnrolmentStatus
{
    [Display(Name = "在读")]
    Enrolled = 1,

    [Display(Name = "候补")]
    Waiting = 2,

    [Display(Name = "已退学")]
    Left = 3,
}

/// <summary>Whether a learner came to a session: one row per learner marked, saved as the tap is made.</summary>
[EntityLabel("考勤", Order = 46)]
public class Attendance : AuditableEntity, IMaybeRetireeScoped
{
    [Display(Name = "课次")]
    public int SessionId { get; set; }

    public ClassSession? Session { get; set; }

    [Display(Name = "报名")]
    public int EnrolmentId { get; set; }

    public Enrolment? Enrolment { get; set; }

    /// <summary>The enrolment's retiree, kept here so scope and the retired-teacher count need no second join.</summary>
    [Display(Name = "退休教工")]
    public int? RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "出勤")]
    public AttendanceMark Mark { get; set; }
}

public enum AttendanceMark
{
    [Display(Name = "出席")]
    Present = 1,

    [Display(Name = "请假")]
    Excused = 2,

    [Display(Name = "缺席")]
    Absent = 3,
}

internal sealed class EnrolmentConfiguration :
    IEntityTypeConfiguration<GuestLearner>, IEntityTypeConfiguration<Enrolment>, IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<GuestLearner> builder)
    {
        builder.ToTable("GuestLearners");
        builder.Property(g => g.Name).HasMaxLength(GuestLearner.NameMaxLength);
        builder.Property(g => g.Phone).HasMaxLength(20);
        builder.Property(g => g.Community).HasMaxLength(100);
        builder.HasBookkeeping();
        builder.HasIndex(g => g.Name);
    }

    public void Configure(EntityTypeBuilder<Enrolment> builder)
    {
        builder.ToTable("Enrolments", t => t.HasCheckConstraint("CK_Enrolments_OnePerson", "(RetireeId IS NULL) <> (GuestId IS NULL)"));
        builder.HasBookkeeping();
        builder.HasOne(e => e.Class).WithMany().HasForeignKey(e => e.ClassId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Retiree).WithMany().HasForeignKey(e => e.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Guest).WithMany().HasForeignKey(e => e.GuestId).OnDelete(DeleteBehavior.Restrict);

        // Once per person per class (NULLs are distinct, so each index binds only its own kind of learner), one
        // learner per seat, and the waiting line in order.
        builder.HasIndex(e => new { e.ClassId, e.RetireeId }).IsUnique();
        builder.HasIndex(e => new { e.ClassId, e.GuestId }).IsUnique();
        builder.HasIndex(e => new { e.ClassId, e.Seat }).IsUnique();
        builder.HasIndex(e => new { e.ClassId, e.Status, e.AppliedAt });
        builder.HasIndex(e => e.RetireeId);
        builder.HasIndex(e => e.GuestId);
    }

    public void Configure(EntityTypeBuilder<Attendance> builder)
    {
        builder.ToTable("Attendances");
        builder.HasBookkeeping();
        builder.HasOne(a => a.Session).WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Enrolment).WithMany().HasForeignKey(a => a.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Retiree).WithMany().HasForeignKey(a => a.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.SessionId, a.EnrolmentId }).IsUnique();
        builder.HasIndex(a => a.EnrolmentId);

        // A person's attendance (their 学习 tab).
        builder.HasIndex(a => a.RetireeId);
    }
}
