using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Activities;
using Intranet.Web.Platform.Lists;
using Microsoft.Extensions.Primitives;

namespace Intranet.Web.Activities;

/// <summary>An activity as the form edits it: what, when, where, who organised it, how many guests came.</summary>
public sealed class ActivityForm
{
    [Required(ErrorMessage = "请选择活动类型。")]
    public ActivityKind? Kind { get; set; }

    [Required(ErrorMessage = "请填写活动名称。")]
    [StringLength(Activity.TitleMaxLength, ErrorMessage = "活动名称不能超过 100 个字。")]
    public string Title { get; set; } = string.Empty;

    [Required(ErrorMessage = "请填写活动日期（如 2026-10-29）。")]
    public DateOnly? Date { get; set; }

    [StringLength(100, ErrorMessage = "活动地点不能超过 100 个字。")]
    public string? Place { get; set; }

    /// <summary>None: the district office organised it.</summary>
    public int? OrganiserUnitId { get; set; }

    [Range(0, 10_000, ErrorMessage = "其他参加人数请填写 0 到 10000 之间的整数。")]
    public int GuestCount { get; set; }

    [StringLength(500, ErrorMessage = "说明不能超过 500 个字。")]
    public string? Note { get; set; }

    public long Version { get; set; }

    public static ActivityForm From(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new()
        {
            Kind = activity.Kind, Title = activity.Title, Date = activity.Date, Place = activity.Place, OrganiserUnitId = activity.OrganiserUnitId,
            GuestCount = activity.GuestCount, Note = activity.Note, Version = activity.Version,
        };
    }
}

/// <summary>What the list of activities is narrowed to: a year, a kind, an organiser (the district office is <see cref="DistrictOffice"/>).</summary>
public sealed record ActivityFilter : IListFilter<ActivityFilter>
{
    /// <summary>The organiser "unit" that stands for the district office in the filter.</summary>
    public const int DistrictOffice = 0;

    public int? Year { get; init; }

    public ActivityKind? Kind { get; init; }

    /// <summary>A unit's id, <see cref="DistrictOffice"/> for the district's own, or none for every organiser.</summary>
    public int? UnitId { get; init; }

    public Dictionary<string, string?> ToQuery() => new()
    {
        ["year"] = QueryValues.Of(Year),
        ["kind"] = Kind?.ToString(),
        ["unit"] = QueryValues.Of(UnitId),
    };

    public static ActivityFilter FromQuery(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = new QueryValues(query);
        return new ActivityFilter
        {
            Year = values.Number("year") is { } year and >= 1950 and <= 2200 ? year : null,
            Kind = values.Enum<ActivityKind>("kind"),
            UnitId = values.Number("unit") is { } unit and >= 0 ? unit : null,
        };
    }
}

public sealed record ActivityListItem(
    int Id, ActivityKind Kind, string Title, DateOnly Date, string? Place, string? OrganiserName, int Invited, int Attended, int GuestCount)
{
    public int Attendance => Attended + GuestCount;
}

/// <summary>One activity and whether the signed-in person may change it and invite to it.</summary>
public sealed record ActivityView(Activity Activity, string? OrganiserName, bool MayEdit)
{
    public string Organiser => OrganiserName ?? ActivityQueries.DistrictOfficeName;
}

/// <summary>Someone invited, with the spouse a golden-wedding couple was invited with.</summary>
public sealed record ParticipantItem(
    int Id, int RetireeId, string Name, string UnitName, bool IsDeceased, string? SpouseName, DateOnly? MarriageDate, ParticipationStatus Status, long Version);

/// <summary>A couple the golden-wedding celebration may invite: the retiree, their spouse (in the register or not), the wedding.</summary>
public sealed record EligibleCouple(int RetireeId, string Name, string UnitName, string SpouseName, bool SpouseInRegister, DateOnly MarriageDate, int YearsMarried);

/// <summary>The couples, at most the bound asked for; <see cref="More"/> when there were more than that.</summary>
public sealed record EligibleCouples(IReadOnlyList<EligibleCouple> Couples, bool More);

/// <summary>A person's part in one activity (the 活动 tab of a retiree).</summary>
public sealed record ParticipationItem(int ActivityId, ActivityKind Kind, string Title, DateOnly Date, ParticipationStatus Status);

/// <summary>One kind of activity in a year: how many were held, invitations, attended in the register, other guests.</summary>
public sealed record KindFigure(ActivityKind Kind, int Activities, int Invitations, int Attended, int Guests)
{
    /// <summary>People who came: the register's participants marked attended, plus the activities' other guests.</summary>
    public int Attendance => Attended + Guests;
}

/// <summary>
/// A year of activities in figures (what the office reports and the dashboard shows). With a unit: activities and
/// guests are those the unit organised; invitations and attendance are those of the unit's own retirees.
/// </summary>
public sealed record ActivityFigures(int Year, int? UnitId, IReadOnlyList<KindFigure> ByKind, int GoldenWeddingCouples)
{
    public int Activities => ByKind.Sum(k => k.Activities);

    public int Invitations => ByKind.Sum(k => k.Invitations);

    public int Attended => ByKind.Sum(k => k.Attended);

    public int Guests => ByKind.Sum(k => k.Guests);

    /// <summary>Participants with status attended plus the activities' guest counts.</summary>
    public int Attendance => Attended + Guests;

    public KindFigure Of(ActivityKind kind) => ByKind.Single(k => k.Kind == kind);
}
