using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.University;

/// <summary>
/// A class of a course in a term: its teacher, room, weekly meeting (one weekday and hours) and capacity. Its
/// sessions are generated from that schedule between its first and last day.
/// </summary>
[EntityLabel("班级", Order = 42)]
public class UniversityClass : AuditableEntity
{
    public const int NameMaxLength = 50;

    [Display(Name = "学期")]
    public int TermId { get; set; }

    public Term? Term { get; set; }

    [Display(Name = "课程")]
    public int CourseId { get; set; }

    public Course? Course { get; set; }

    [Display(Name = "班级名称")]
    public required string Name { get; set; }

    [Display(Name = "授课教师")]
    public string? Teacher { get; set; }

    [Display(Name = "上课地点")]
    public string? Place { get; set; }

    [Display(Name = "上课日")]
    public ClassDay Weekday { get; set; }

    [Display(Name = "上课时间")]
    public TimeOnly StartTime { get; set; }

    [Display(Name = "下课时间")]
    public TimeOnly EndTime { get; set; }

    [Display(Name = "名额")]
    public int Capacity { get; set; }

    [Display(Name = "开课日期")]
    public DateOnly StartsOn { get; set; }

    [Display(Name = "结课日期")]
    public DateOnly EndsOn { get; set; }

    /// <summary>The days the schedule puts a session on, first to last.</summary>
    public IEnumerable<DateOnly> ScheduledDays()
    {
        var first = StartsOn.AddDays(((int)Weekday % 7 - (int)StartsOn.DayOfWeek + 7) % 7);
        for (var day = first; day <= EndsOn; day = day.AddDays(7))
        {
            yield return day;
        }
    }
}

/// <summary>A day of the week in the office's words; the numbers are <see cref="DayOfWeek"/>'s, with Sunday 7.</summary>
public enum ClassDay
{
    [Display(Name = "星期一")]
    Monday = 1,

    [Display(Name = "星期二")]
    Tuesday = 2,

    [Display(Name = "星期三")]
    Wednesday = 3,

    [Display(Name = "星期四")]
    Thursday = 4,

    [Display(Name = "星期五")]
    Friday = 5,

    [Display(Name = "星期六")]
    Saturday = 6,

    [Display(Name = "星期日")]
    Sunday = 7,
}

/// <summary>One meeting of a class; a holiday's is cancelled rather than deleted, so the register of sessions stays whole.</summary>
[EntityLabel("课次", Order = 43)]
public class ClassSession : AuditableEntity
{
    [Display(Name = "班级")]
    public int ClassId { get; set; }

    public UniversityClass? Class { get; set; }

    [Display(Name = "上课日期")]
    public DateOnly Date { get; set; }

    [Display(Name = "已取消")]
    public bool IsCancelled { get; set; }

    [Display(Name = "说明")]
    public string? Note { get; set; }
}

internal sealed class UniversityClassConfiguration : IEntityTypeConfiguration<UniversityClass>, IEntityTypeConfiguration<ClassSession>
{
    public void Configure(EntityTypeBuilder<UniversityClass> builder)
    {
        builder.ToTable("UniversityClasses");
        builder.Property(c => c.Name).HasMaxLength(UniversityClass.NameMaxLength);
        builder.Property(c => c.Teacher).HasMaxLength(50);
        builder.Property(c => c.Place).HasMaxLength(100);
        builder.HasBookkeeping();
        builder.HasOne(c => c.Term).WithMany().HasForeignKey(c => c.TermId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Course).WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.TermId, c.Name }).IsUnique();
        builder.HasIndex(c => c.CourseId);

        // Classes of a year (the yearly figures count classes that start in it).
        builder.HasIndex(c => c.StartsOn);
    }

    public void Configure(EntityTypeBuilder<ClassSession> builder)
    {
        builder.ToTable("ClassSessions");
        builder.Property(s => s.Note).HasMaxLength(100);
        builder.HasBookkeeping();
        builder.HasOne(s => s.Class).WithMany().HasForeignKey(s => s.ClassId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ClassId, s.Date }).IsUnique();

        // A year's sessions, for its attendance figures.
        builder.HasIndex(s => s.Date);
    }
}
