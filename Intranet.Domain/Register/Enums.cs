using System.ComponentModel.DataAnnotations;

namespace Intranet.Domain.Register;

public enum Gender
{
    [Display(Name = "男")]
    Male = 1,
    [Display(Name = "女")]
    Female = 2,
}

public enum UnitKind
{
    [Display(Name = "学校")]
    School = 1,
    [Display(Name = "幼儿园")]
    Kindergarten = 2,
    [Display(Name = "成人学校")]
    AdultSchool = 3,
    [Display(Name = "直属单位")]
    DirectUnit = 4,
}

public enum HealthStatus
{
    [Display(Name = "良好")]
    Good = 1,
    [Display(Name = "一般")]
    Fair = 2,
    [Display(Name = "较差")]
    Poor = 3,
    [Display(Name = "卧床")]
    Bedridden = 4,
}

public enum LivingSituation
{
    [Display(Name = "与配偶同住")]
    WithSpouse = 1,
    [Display(Name = "与子女同住")]
    WithChildren = 2,
    [Display(Name = "独自居住")]
    Alone = 3,
    [Display(Name = "入住养老机构")]
    CareHome = 4,
    [Display(Name = "其他")]
    Other = 5,
}

/// <summary>
/// The care categories that drive visits (关爱对象类别). Very old (高龄) is not stored: it follows from the
/// birth date, see <see cref="Retiree.VeryOldAge"/>, so it can never go stale.
/// </summary>
[Flags]
public enum CareCategories
{
    [Display(Name = "无")]
    None = 0,
    [Display(Name = "独居")]
    LivingAlone = 1,
    [Display(Name = "孤寡")]
    Solitary = 2,
    [Display(Name = "失能/体残")]
    Disabled = 4,
    [Display(Name = "失独")]
    LostOnlyChild = 8,
    [Display(Name = "空巢")]
    EmptyNest = 16,
    [Display(Name = "重病/长期患病")]
    SeriouslyIll = 32,
    [Display(Name = "困难")]
    Hardship = 64,
    [Display(Name = "特困")]
    ExtremeHardship = 128,
}
