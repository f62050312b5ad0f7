using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Contests;

namespace Intranet.Web.Contests;

public sealed class ClubForm
{
    [Required(ErrorMessage = "请填写名称。")]
    [StringLength(Club.NameMaxLength, ErrorMessage = "名称不能超过 50 个字。")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "请选择类型。")]
    public ClubKind? Kind { get; set; }

    [StringLength(50, ErrorMessage = "负责人不能超过 50 个字。")]
    public string? Leader { get; set; }

    public DateOnly? FoundedOn { get; set; }

    [StringLength(100, ErrorMessage = "活动时间地点不能超过 100 个字。")]
    public string? Meets { get; set; }

    public bool IsDisbanded { get; set; }

    public long Version { get; set; }
}

public sealed class MemberForm
{
    [Required(ErrorMessage = "请选择退休教工。")]
    public int? RetireeId { get; set; }

    [StringLength(20, ErrorMessage = "职务不能超过 20 个字。")]
    public string? Role { get; set; }

    [Required(ErrorMessage = "请填写加入日期。")]
    public DateOnly? JoinedOn { get; set; }
}

public sealed class ContestForm
{
    [Required(ErrorMessage = "请填写比赛名称。")]
    [StringLength(Contest.TitleMaxLength, ErrorMessage = "比赛名称不能超过 100 个字。")]
    public string Title { get; set; } = string.Empty;

    [Required(ErrorMessage = "请选择类别。")]
    public ContestKind? Kind { get; set; }

    [StringLength(100, ErrorMessage = "主办方不能超过 100 个字。")]
    public string? Organiser { get; set; }

    [Required(ErrorMessage = "请选择级别。")]
    public AwardLevel? Level { get; set; }

    [Required(ErrorMessage = "请填写开始日期。")]
    public DateOnly? StartsOn { get; set; }

    [Required(ErrorMessage = "请填写结束日期。")]
    public DateOnly? EndsOn { get; set; }

    public long Version { get; set; }
}

/// <summary>Who entered: a retiree (<see cref="RetireeId"/>) or an art troupe (<see cref="ClubId"/>), exactly one.</summary>
public sealed class EntryForm
{
    public int? RetireeId { get; set; }

    public int? ClubId { get; set; }

    [Required(ErrorMessage = "请填写作品（节目）名称。")]
    [StringLength(ContestEntry.TitleMaxLength, ErrorMessage = "作品（节目）名称不能超过 100 个字。")]
    public string Title { get; set; } = string.Empty;
}

/// <summary>A judged entry's result; no rank clears a result entered by mistake.</summary>
public sealed class ResultForm
{
    public AwardLevel? Level { get; set; }

    public AwardRank? Rank { get; set; }

    public DateOnly? AwardedOn { get; set; }

    public long Version { get; set; }
}
