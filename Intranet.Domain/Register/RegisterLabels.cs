namespace Intranet.Domain.Register;

/// <summary>The Chinese words the office uses for the register's categories, shared by pages and exports.</summary>
public static class RegisterLabels
{
    public static readonly IReadOnlyList<CareCategories> AllCareCategories =
    [
        CareCategories.LivingAlone, CareCategories.Solitary, CareCategories.Disabled, CareCategories.LostOnlyChild,
        CareCategories.EmptyNest, CareCategories.SeriouslyIll, CareCategories.Hardship, CareCategories.ExtremeHardship,
    ];

    public static string Label(this Gender gender) => gender switch
    {
        Gender.Male => "男",
        Gender.Female => "女",
        _ => "未知",
    };

    public static string Label(this UnitKind kind) => kind switch
    {
        UnitKind.School => "学校",
        UnitKind.Kindergarten => "幼儿园",
        UnitKind.AdultSchool => "成人学校",
        UnitKind.DirectUnit => "直属单位",
        _ => "其他",
    };

    public static string Label(this HealthStatus status) => status switch
    {
        HealthStatus.Good => "良好",
        HealthStatus.Fair => "一般",
        HealthStatus.Poor => "较差",
        HealthStatus.Bedridden => "卧床",
        _ => "未知",
    };

    public static string Label(this LivingSituation situation) => situation switch
    {
        LivingSituation.WithSpouse => "与配偶同住",
        LivingSituation.WithChildren => "与子女同住",
        LivingSituation.Alone => "独自居住",
        LivingSituation.CareHome => "入住养老机构",
        _ => "其他",
    };

    /// <summary>The label of one category; combined values are listed with <see cref="Labels"/>.</summary>
    public static string Label(this CareCategories category) => category switch
    {
        CareCategories.LivingAlone => "独居",
        CareCategories.Solitary => "孤寡",
        CareCategories.Disabled => "失能/体残",
        CareCategories.LostOnlyChild => "失独",
        CareCategories.EmptyNest => "空巢",
        CareCategories.SeriouslyIll => "重病/长期患病",
        CareCategories.Hardship => "困难",
        CareCategories.ExtremeHardship => "特困",
        CareCategories.None => "无",
        _ => string.Join("、", category.Labels()),
    };

    public static IEnumerable<string> Labels(this CareCategories categories) =>
        AllCareCategories.Where(c => categories.HasFlag(c)).Select(c => c.Label());

    public const string VeryOldLabel = "高龄";
}
