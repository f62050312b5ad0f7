using Intranet.Domain.Common;

namespace Intranet.Domain.Register;

/// <summary>The Chinese words the office uses for the register's categories, shared by pages and exports.</summary>
public static class RegisterLabels
{
    public static readonly IReadOnlyList<CareCategories> AllCareCategories =
    [
        CareCategories.LivingAlone, CareCategories.Solitary, CareCategories.Disabled, CareCategories.LostOnlyChild,
        CareCategories.EmptyNest, CareCategories.SeriouslyIll, CareCategories.Hardship, CareCategories.ExtremeHardship,
    ];

    public static string Label(this Gender gender) => EnumLabel.Of(gender);

    public static string Label(this UnitKind kind) => EnumLabel.Of(kind);

    public static string Label(this HealthStatus status) => EnumLabel.Of(status);

    public static string Label(this LivingSituation situation) => EnumLabel.Of(situation);

    /// <summary>The label of one category; combined values are listed with <see cref="Labels"/>.</summary>
    public static string Label(this CareCategories category) => EnumLabel.Of(category);

    public static IEnumerable<string> Labels(this CareCategories categories) =>
        AllCareCategories.Where(c => categories.HasFlag(c)).Select(c => c.Label());

    public const string VeryOldLabel = "高龄";
}
