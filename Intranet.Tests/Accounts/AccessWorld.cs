using Intranet.Domain.Accounts;
using Intranet.Domain.Register;
using Intranet.Tests.Support;

namespace Intranet.Tests.Accounts;

/// <summary>
/// Two units, a group in the first, a retiree in each place, and one account per role — made fresh in
/// the test's own app, so every access test knows exactly what each role should and should not see.
/// </summary>
public sealed class AccessWorld
{
    private AccessWorld()
    {
    }

    public required ITestApp App { get; init; }

    public required Unit UnitA { get; init; }

    public required Unit UnitB { get; init; }

    public required RetireeGroup GroupA { get; init; }

    /// <summary>In unit A, group A.</summary>
    public required Retiree InGroupA { get; init; }

    /// <summary>In unit A, no group.</summary>
    public required Retiree InUnitA { get; init; }

    /// <summary>In unit B.</summary>
    public required Retiree InUnitB { get; init; }

    public required IReadOnlyDictionary<UserRole, TestAccount> Accounts { get; init; }

    public TestAccount this[UserRole role] => Accounts[role];

    public static async Task<AccessWorld> CreateAsync(ITestApp app)
    {
        _ = app.Services; // starts the app, which migrates its database
        using var db = app.Database.CreateContext();
        var make = new RegisterBuilder(db);
        var unitA = make.Unit("甲单位石室小学");
        var unitB = make.Unit("乙单位草堂中学");
        var groupA = make.Group(unitA, "甲一组");
        var inGroupA = make.Retiree(unitA, "甲组成员", configure: r => { r.GroupId = groupA.Id; r.Phone = "13911112222"; });
        var inUnitA = make.Retiree(unitA, "甲单位成员", configure: r => r.Phone = "13933334444");
        var inUnitB = make.Retiree(unitB, "乙单位成员", configure: r => r.Phone = "13955556666");

        var accounts = new Dictionary<UserRole, TestAccount>
        {
            [UserRole.Administrator] = await app.CreateAccountAsync(UserRole.Administrator),
            [UserRole.DistrictStaff] = await app.CreateAccountAsync(UserRole.DistrictStaff),
            [UserRole.UnitOfficer] = await app.CreateAccountAsync(UserRole.UnitOfficer, unitA.Id),
            [UserRole.GroupLeader] = await app.CreateAccountAsync(UserRole.GroupLeader, unitA.Id, groupA.Id),
            [UserRole.Leadership] = await app.CreateAccountAsync(UserRole.Leadership),
        };

        return new AccessWorld
        {
            App = app,
            UnitA = unitA,
            UnitB = unitB,
            GroupA = groupA,
            InGroupA = inGroupA,
            InUnitA = inUnitA,
            InUnitB = inUnitB,
            Accounts = accounts,
        };
    }
}
