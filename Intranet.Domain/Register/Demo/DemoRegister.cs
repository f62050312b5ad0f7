namespace Intranet.Domain.Register.Demo;

/// <summary>
/// Size and seed of a demo register. The defaults are Qingyang's own figures for 2019 (3,600 retirees); the seed
/// is the day of that year's summary meeting.
/// </summary>
public sealed record DemoRegisterOptions(int RetireeCount = 3600, int Seed = 20191218);

/// <summary>
/// A generated register, held in memory. Relations are set through the navigation properties (ids are not
/// assigned until the register is saved), and every group's leader is one of its own living members.
/// </summary>
public sealed class DemoRegister
{
    public required IReadOnlyList<Unit> Units { get; init; }

    public required IReadOnlyList<PartyBranch> PartyBranches { get; init; }

    public required IReadOnlyList<RetireeGroup> Groups { get; init; }

    public required IReadOnlyList<Retiree> Retirees { get; init; }
}
