using System.ComponentModel.DataAnnotations;
using Intranet.Domain.University;

namespace Intranet.Web.University;

public sealed class TermForm : IValidatableObject
{
    [Required(ErrorMessage = "请填写学期名称。")]
    [StringLength(Term.NameMaxLength, ErrorMessage = "学期名称不能超过 50 个字。")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "请填写开始日期。")]
    public DateOnly? StartsOn { get; set; }

    [Required(ErrorMessage = "请填写结束日期。")]
    public DateOnly? EndsOn { get; set; }

    public long Version { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StartsOn > EndsOn)
        {
            yield return new ValidationResult("结束日期不能早于开始日期。", [nameof(EndsOn)]);
        }
    }
}

public sealed class CourseForm
{
    [Required(ErrorMessage = "请填写课程名称。")]
    [StringLength(Course.NameMaxLength, ErrorMessage = "课程名称不能超过 50 个字。")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "请选择课程类别。")]
    public CourseCategory? Category { get; set; }

    [StringLength(500, ErrorMessage = "简介不能超过 500 个字。")]
    public string? Description { get; set; }

    public long Version { get; set; }
}

public sealed class ClassForm : IValidatableObject
{
    [Required(ErrorMessage = "请选择学期。")]
    public int? TermId { get; set; }

    [Required(ErrorMessage = "请选择课程。")]
    public int? CourseId { get; set; }

    [Required(ErrorMessage = "请填写班级名称。")]
    [StringLength(UniversityClass.NameMaxLength, ErrorMessage = "班级名称不能超过 50 个字。")]
    public string Name { get; set; } = string.Empty;

    [StringLength(50, ErrorMessage = "教师姓名不能超过 50 个字。")]
    public string? Teacher { get; set; }

    [StringLength(100, ErrorMessage = "上课地点不能超过 100 个字。")]
    public string? Place { get; set; }

    [Required(ErrorMessage = "请选择上课日。")]
    public ClassDay? Weekday { get; set; }

    [Required(ErrorMessage = "请填写上课时间。")]
    public TimeOnly? StartTime { get; set; }

    [Required(ErrorMessage = "请填写下课时间。")]
    public TimeOnly? EndTime { get; set; }

    [Range(1, 500, ErrorMessage = "名额应在 1 到 500 之间。")]
    public int Capacity { get; set; } = 30;

    [Required(ErrorMessage = "请填写开课日期。")]
    public DateOnly? StartsOn { get; set; }

    [Required(ErrorMessage = "请填写结课日期。")]
    public DateOnly? EndsOn { get; set; }

    public long Version { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StartsOn > EndsOn)
        {
            yield return new ValidationResult("结课日期不能早于开课日期。", [nameof(EndsOn)]);
        }

        if (StartTime >= EndTime)
        {
            yield return new ValidationResult("下课时间应晚于上课时间。", [nameof(EndTime)]);
        }
    }
}

/// <summary>Enrolling somebody: a retiree chosen from the register, or an outside learner typed in.</summary>
public sealed class EnrolForm : IValidatableObject
{
    public int? RetireeId { get; set; }

    /// <summary>An outside learner already on file (enrolled in another class before).</summary>
    public int? GuestId { get; set; }

    [StringLength(GuestLearner.NameMaxLength, ErrorMessage = "姓名不能超过 50 个字。")]
    public string? GuestName { get; set; }

    [StringLength(20, ErrorMessage = "电话不能超过 20 个字符。")]
    [RegularExpression(@"^[0-9+\-() ]*$", ErrorMessage = "电话只能包含数字、空格和 + - ( )")]
    public string? GuestPhone { get; set; }

    [StringLength(100, ErrorMessage = "社区不能超过 100 个字。")]
    public string? GuestCommunity { get; set; }

    [Range(1900, 2100, ErrorMessage = "请填写四位数的出生年份。")]
    public int? GuestBirthYear { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var ways = (RetireeId is null ? 0 : 1) + (GuestId is null ? 0 : 1) + (string.IsNullOrWhiteSpace(GuestName) ? 0 : 1);
        if (ways == 0)
        {
            yield return new ValidationResult("请选择退休教工，或填写社会学员的姓名。", [nameof(RetireeId)]);
        }
        else if (ways > 1)
        {
            yield return new ValidationResult("一次只能为一个人报名：请选择退休教工或填写社会学员，不要两样都填。", [nameof(RetireeId)]);
        }
    }
}
