namespace Intranet.Domain.Register;

public enum Gender
{
    Male = 1,
    Female = 2,
}

public enum UnitKind
{
    School = 1,
    Kindergarten = 2,
    AdultSchool = 3,
    DirectUnit = 4,
}

public enum HealthStatus
{
    Good = 1,
    Fair = 2,
    Poor = 3,
    Bedridden = 4,
}

public enum LivingSituation
{
    WithSpouse = 1,
    WithChildren = 2,
    Alone = 3,
    CareHome = 4,
    Other = 5,
}

/// <summary>
/// The care categories that drive visits (关爱对象类别). Very old (高龄) is not stored: it follows from the
/// birth date, see <see cref="Retiree.VeryOldAge"/>, so it can never go stale.
/// </summary>
[Flags]
public enum CareCategories
{
    None = 0,
    LivingAlone = 1,
    Solitary = 2,
    Disabled = 4,
    LostOnlyChild = 8,
    EmptyNest = 16,
    SeriouslyIll = 32,
    Hardship = 64,
    ExtremeHardship = 128,
}
