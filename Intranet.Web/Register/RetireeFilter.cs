using Intranet.Domain.Register;

namespace Intranet.Web.Register;

/// <summary>What the register list is narrowed to. Empty values mean "any".</summary>
public sealed record RetireeFilter
{
    public string? NameOrId { get; init; }

    public int? UnitId { get; init; }

    public int? GroupId { get; init; }

    public int? PartyBranchId { get; init; }

    public CareFilter? Care { get; init; }

    /// <summary>Alive by default: the office works for the living; the deceased are a click away.</summary>
    public LifeStatus Status { get; init; } = LifeStatus.Alive;
}

public enum LifeStatus
{
    Alive = 1,
    Deceased = 2,
    All = 3,
}

/// <summary>
/// A care category to filter by: one of the stored categories, or very old (高龄), which follows from
/// the birth date and so is not stored.
/// </summary>
public sealed record CareFilter(CareCategories Category, bool VeryOld)
{
    public static CareFilter VeryOldPeople { get; } = new(CareCategories.None, true);

    public string Label => VeryOld ? $"{RegisterLabels.VeryOldLabel}（{Retiree.VeryOldAge}岁及以上）" : Category.Label();

    public static IReadOnlyList<CareFilter> All { get; } =
        [VeryOldPeople, .. RegisterLabels.AllCareCategories.Select(c => new CareFilter(c, false))];
}

public sealed record PageRequest(int Skip, int Take, string? SortBy = null, bool Descending = false);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

public sealed record RetireeListItem(
    int Id,
    string Name,
    Gender Gender,
    DateOnly BirthDate,
    int Age,
    string UnitName,
    string? GroupName,
    string? PartyBranchName,
    string IdNumber,
    string? Phone,
    CareCategories CareCategories,
    bool IsDeceased,
    DateOnly? DeathDate)
{
    public bool IsVeryOld => Age >= Retiree.VeryOldAge;
}

public sealed record Choice(int Id, string Name);
