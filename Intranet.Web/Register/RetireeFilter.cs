using System.Globalization;
using Intranet.Domain.Register;
using Intranet.Web.Platform.Lists;
using Microsoft.Extensions.Primitives;

namespace Intranet.Web.Register;

/// <summary>What the register list is narrowed to. Empty values mean "any".</summary>
public sealed record RetireeFilter : IListFilter<RetireeFilter>
{
    public string? NameOrId { get; init; }

    public int? UnitId { get; init; }

    public int? GroupId { get; init; }

    public int? PartyBranchId { get; init; }

    public CareFilter? Care { get; init; }

    public AgeBand? Age { get; init; }

    /// <summary>Alive by default: the office works for the living; the deceased are a click away.</summary>
    public LifeStatus Status { get; init; } = LifeStatus.Alive;

    /// <summary>
    /// The filter as query-string values, for links that keep it: the list's own address (so "back"
    /// returns to the same list) and the export.
    /// </summary>
    public Dictionary<string, string?> ToQuery()
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = string.IsNullOrWhiteSpace(NameOrId) ? null : NameOrId.Trim(),
            ["unit"] = UnitId?.ToString(CultureInfo.InvariantCulture),
            ["group"] = GroupId?.ToString(CultureInfo.InvariantCulture),
            ["branch"] = PartyBranchId?.ToString(CultureInfo.InvariantCulture),
            ["care"] = Care switch
            {
                null => null,
                { VeryOld: true } => "veryold",
                { } care => ((int)care.Category).ToString(CultureInfo.InvariantCulture),
            },
            ["age"] = Age is { } age ? ((int)age).ToString(CultureInfo.InvariantCulture) : null,
            ["status"] = Status == LifeStatus.Alive ? null : Status.ToString(),
        };
        return query.Where(p => p.Value is not null).ToDictionary();
    }

    /// <summary>Reads what <see cref="ToQuery"/> wrote; anything unreadable is left out rather than refused.</summary>
    public static RetireeFilter FromQuery(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string? Get(string key) => values.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        static int? Int(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

        var care = Get("care");
        return new RetireeFilter
        {
            NameOrId = Get("q"),
            UnitId = Int(Get("unit")),
            GroupId = Int(Get("group")),
            PartyBranchId = Int(Get("branch")),
            Care = care == "veryold" ? CareFilter.VeryOldPeople
                : Int(care) is { } flag && RegisterLabels.AllCareCategories.Contains((CareCategories)flag) ? new CareFilter((CareCategories)flag, false) : null,
            Age = Int(Get("age")) is { } age && Enum.IsDefined((AgeBand)age) ? (AgeBand)age : null,
            Status = Enum.TryParse<LifeStatus>(Get("status"), out var status) && Enum.IsDefined(status) ? status : LifeStatus.Alive,
        };
    }
}

/// <summary>An age band of the list's filter; its value is the first age in it.</summary>
public enum AgeBand
{
    [System.ComponentModel.DataAnnotations.Display(Name = "60–69岁")]
    Sixties = 60,

    [System.ComponentModel.DataAnnotations.Display(Name = "70–79岁")]
    Seventies = 70,

    [System.ComponentModel.DataAnnotations.Display(Name = "80–89岁")]
    Eighties = 80,

    [System.ComponentModel.DataAnnotations.Display(Name = "90岁及以上")]
    NinetyPlus = 90,

    [System.ComponentModel.DataAnnotations.Display(Name = "100岁及以上")]
    HundredPlus = 100,
}

public static class AgeBands
{
    public static IReadOnlyList<AgeBand> All { get; } = Enum.GetValues<AgeBand>();

    /// <summary>The last age in the band, or none for an open band.</summary>
    public static int? LastAge(this AgeBand band) => band is AgeBand.NinetyPlus or AgeBand.HundredPlus ? null : (int)band + 9;
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

public sealed record RetireeListItem(
    int Id,
    string Name,
    Gender Gender,
    DateOnly BirthDate,
    int Age,
    string UnitName,
    string? GroupName,
    string? PartyBranchName,
    string? MaskedIdNumber,
    string? MaskedPhone,
    CareCategories CareCategories,
    bool IsDeceased,
    DateOnly? DeathDate)
{
    public bool IsVeryOld => Age >= Retiree.VeryOldAge;
}
