using Intranet.Domain.Register;

namespace Intranet.Domain.Accounts;

/// <summary>
/// Which retirees a signed-in person may see, applied inside every query that reads the register:
/// lists, details, exports, counts and searches alike. Hiding a menu item is never the guard.
/// </summary>
public sealed record AccessScope
{
    private AccessScope(ScopeKind kind, int? unitId, int? groupId)
    {
        Kind = kind;
        UnitId = unitId;
        GroupId = groupId;
    }

    public ScopeKind Kind { get; }

    public int? UnitId { get; }

    public int? GroupId { get; }

    public static AccessScope Everything { get; } = new(ScopeKind.All, null, null);

    public static AccessScope Nothing { get; } = new(ScopeKind.None, null, null);

    public static AccessScope Unit(int unitId) => new(ScopeKind.Unit, unitId, null);

    public static AccessScope Group(int groupId) => new(ScopeKind.Group, null, groupId);

    /// <summary>The scope a role has over the register, given the account's unit and group.</summary>
    public static AccessScope For(UserRole role, int? unitId, int? groupId) => role switch
    {
        UserRole.DistrictStaff or UserRole.Leadership => Everything,
        UserRole.UnitOfficer when unitId is { } unit => Unit(unit),
        UserRole.GroupLeader when groupId is { } group => Group(group),
        _ => Nothing,
    };

    public IQueryable<Retiree> Apply(IQueryable<Retiree> retirees) => Kind switch
    {
        ScopeKind.All => retirees,
        ScopeKind.Unit => retirees.Where(r => r.UnitId == UnitId),
        ScopeKind.Group => retirees.Where(r => r.GroupId == GroupId),
        _ => retirees.Where(r => false),
    };

    public IQueryable<Unit> Apply(IQueryable<Unit> units) => Kind switch
    {
        ScopeKind.All => units,
        ScopeKind.Unit => units.Where(u => u.Id == UnitId),
        ScopeKind.Group => units.Where(u => u.Groups.Any(g => g.Id == GroupId)),
        _ => units.Where(u => false),
    };

    public IQueryable<RetireeGroup> Apply(IQueryable<RetireeGroup> groups) => Kind switch
    {
        ScopeKind.All => groups,
        ScopeKind.Unit => groups.Where(g => g.UnitId == UnitId),
        ScopeKind.Group => groups.Where(g => g.Id == GroupId),
        _ => groups.Where(g => false),
    };

    /// <summary>Whether a retiree of this unit and group lies inside the scope (for records being written).</summary>
    public bool Covers(int unitId, int? groupId) => Kind switch
    {
        ScopeKind.All => true,
        ScopeKind.Unit => unitId == UnitId,
        ScopeKind.Group => groupId == GroupId,
        _ => false,
    };
}

public enum ScopeKind
{
    None = 0,
    All = 1,
    Unit = 2,
    Group = 3,
}

/// <summary>What each role may do, in one place, as the table says.</summary>
public static class Permissions
{
    /// <summary>Read the register (within scope).</summary>
    public static bool CanReadRegister(this UserRole role) =>
        role is UserRole.DistrictStaff or UserRole.UnitOfficer or UserRole.GroupLeader or UserRole.Leadership;

    /// <summary>Create, change and delete the office's records (within scope).</summary>
    public static bool CanEditRecords(this UserRole role) => role is UserRole.DistrictStaff or UserRole.UnitOfficer;

    public static bool CanManageAccounts(this UserRole role) => role is UserRole.Administrator;

    public static bool CanReadAuditLog(this UserRole role) => role is UserRole.Administrator;
}
