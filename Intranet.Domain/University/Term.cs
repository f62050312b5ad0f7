using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.University;

/// <summary>A term of the elderly university (2026年秋季学期): the span its classes run in.</summary>
[EntityLabel("学期", Order = 40)]
public class Term : AuditableEntity
{
    public const int NameMaxLength = 50;

    [Display(Name = "学期名称")]
    public required string Name { get; set; }

    [Display(Name = "开始日期")]
    public DateOnly StartsOn { get; set; }

    [Display(Name = "结束日期")]
    public DateOnly EndsOn { get; set; }
}

/// <summary>A course the university teaches (书法, 声乐, 智能手机应用…), taught in one or more classes a term.</summary>
[EntityLabel("课程", Order = 41)]
public class Course : AuditableEntity
{
    public const int NameMaxLength = 50;

    [Display(Name = "课程名称")]
    public required string Name { get; set; }

    [Display(Name = "类别")]
    public CourseCategory Category { get; set; }

    [Display(Name = "简介")]
    public string? Description { get; set; }
}

public enum CourseCategory
{
    [Display(Name = "书画")]
    CalligraphyPainting = 1,

    [Display(Name = "声乐器乐")]
    Music = 2,

    [Display(Name = "舞蹈形体")]
    Dance = 3,

    [Display(Name = "摄影")]
    Photography = 4,

    [Display(Name = "信息技术")]
    Computing = 5,

    [Display(Name = "健身养生")]
    Fitness = 6,

    [Display(Name = "文史")]
    Literature = 7,

    [Display(Name = "其他")]
    Other = 9,
}

internal sealed class TermConfiguration : IEntityTypeConfiguration<Term>, IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Term> builder)
    {
        builder.ToTable("Terms");
        builder.Property(t => t.Name).HasMaxLength(Term.NameMaxLength);
        builder.HasBookkeeping();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasIndex(t => t.StartsOn);
    }

    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("Courses");
        builder.Property(c => c.Name).HasMaxLength(Course.NameMaxLength);
        builder.Property(c => c.Description).HasMaxLength(500);
        builder.HasBookkeeping();
        builder.HasIndex(c => c.Name).IsUnique();
    }
}
