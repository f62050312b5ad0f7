using System.Linq.Expressions;
using Intranet.Domain.Common;
using Intranet.Domain.Register;

namespace Intranet.Domain.Accounts;

/// <summary>
/// Which records a signed-in person (or a scheduled job) may see, applied inside every query: lists, details,
/// exports, counts and searches alike. Hiding a menu item is never the guard.
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

    /// <summary>
    /// What scheduled jobs read with: every unit. No sign-in can reach it (<see cref="For"/> never returns it);
    /// a job takes it explicitly, and what it writes is audited as <see cref="SystemUser"/>.
    /// </summary>
    public static AccessScope System { get; } = new(ScopeKind.System, null, null);

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

    /// <summary>
    /// Filters any record type by what it declares: <see cref="IGroupScoped"/> (unit and group),
    /// <see cref="IUnitScoped"/> (unit only: a group leader sees none of these), or <see cref="IRetireeScoped"/>
    /// (through its <c>Retiree</c>), or <see cref="IMaybeRetireeScoped"/> (the same; without a retiree, district-wide
    /// scopes only). A type that declares nothing is refused rather than shown to everyone.
    /// </summary>
    public IQueryable<T> Apply<T>(IQueryable<T> query)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!typeof(IUnitScoped).IsAssignableFrom(typeof(T)) && !typeof(IRetireeScoped).IsAssignableFrom(typeof(T))
            && !typeof(IMaybeRetireeScoped).IsAssignableFrom(typeof(T)))
        {
            throw new InvalidOperationException($"{typeof(T).Name} declares no scope (IUnitScoped, IGroupScoped, IRetireeScoped or IMaybeRetireeScoped).");
        }

        if (Kind is ScopeKind.All or ScopeKind.System)
        {
            return query;
        }

        // Built on the type's own properties (not the interface's), which EF Core translates like any other. A record
        // without a retiree (IMaybeRetireeScoped) joins no person, so the unit or group comparison is never true.
        var owner = Expression.Parameter(typeof(T), "e");
        Expression path = typeof(IUnitScoped).IsAssignableFrom(typeof(T)) ? owner : Expression.Property(owner, nameof(Retiree));
        Expression? condition = Kind switch
        {
            ScopeKind.Unit => Expression.Equal(Expression.Property(path, nameof(IUnitScoped.UnitId)), Expression.Constant(UnitId!.Value)),
            ScopeKind.Group when typeof(IGroupScoped).IsAssignableFrom(path.Type) =>
                Expression.Equal(Expression.Property(path, nameof(IGroupScoped.GroupId)), Expression.Constant(GroupId, typeof(int?))),
            _ => null,
        };
        return query.Where(Expression.Lambda<Func<T, bool>>(condition ?? Expression.Constant(false), owner));
    }

    /// <summary>Units are the organisation itself: a unit officer sees their own, a group leader the unit of their group.</summary>
    public IQueryable<Unit> Apply(IQueryable<Unit> units) => Kind switch
    {
        ScopeKind.All or ScopeKind.System => units,
        ScopeKind.Unit => units.Where(u => u.Id == UnitId),
        ScopeKind.Group => units.Where(u => u.Groups.Any(g => g.Id == GroupId)),
        _ => units.Where(u => false),
    };

    public IQueryable<RetireeGroup> Apply(IQueryable<RetireeGroup> groups) => Kind switch
    {
        ScopeKind.All or ScopeKind.System => groups,
        ScopeKind.Unit => groups.Where(g => g.UnitId == UnitId),
        ScopeKind.Group => groups.Where(g => g.Id == GroupId),
        _ => groups.Where(g => false),
    };

    /// <summary>Whether a retiree of this unit and group lies inside the scope (for records being written).</summary>
    public bool Covers(int unitId, int? groupId) => Kind switch
    {
        ScopeKind.All or ScopeKind.System => true,
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

    /// <summary>Scheduled jobs: everything, and never a signed-in person's.</summary>
    System = 4,
}

/// <summary>What each role may do, in one place, as the table says.</summary>
public static class Permissions
{
    /// <summary>Read the register (within scope).</summary>
    public static bool CanReadRegister(this UserRole role) =>
        role is UserRole.DistrictStaff or UserRole.UnitOfficer or UserRole.GroupLeader or UserRole.Leadership;

    /// <summary>Create, change and delete the office's records (within scope).</summary>
    public static bool CanEditRecords(this UserRole role) => role is UserRole.DistrictStaff or UserRole.UnitOfficer;

    /// <summary>Read welfare casework, visits and condolences (within scope); group leaders keep to the register.</summary>
    public static bool CanReadWelfare(this UserRole role) =>
        role is UserRole.DistrictStaff or UserRole.UnitOfficer or UserRole.Leadership;

    /// <summary>
    /// Read the programmes — the elderly university, activities, clubs and contests — with their people within scope.
    /// Group leaders keep to the register, as with welfare.
    /// </summary>
    public static bool CanReadProgrammes(this UserRole role) =>
        role is UserRole.DistrictStaff or UserRole.UnitOfficer or UserRole.Leadership;

    /// <summary>
    /// Run the programmes: terms, classes and sessions, attendance, clubs, contests and their results, district
    /// activities. The district office runs them; unit officers put their own people in (enrol, invite, enter) and
    /// hold their unit's own activities.
    /// </summary>
    public static bool CanManageProgrammes(this UserRole role) => role is UserRole.DistrictStaff;

    /// <summary>The leadership dashboard: figures of every unit (leadership, district staff) or of one's own (unit officers).</summary>
    public static bool CanReadDashboard(this UserRole role) =>
        role is UserRole.DistrictStaff or UserRole.UnitOfficer or UserRole.Leadership;

    /// <summary>The wall screen: every unit's figures, large, for the office's TV (leadership and district staff).</summary>
    public static bool CanViewScreen(this UserRole role) => role is UserRole.DistrictStaff or UserRole.Leadership;

    public static bool CanManageAccounts(this UserRole role) => role is UserRole.Administrator;

    /// <summary>
    /// The reminder inbox (待办提醒) within scope: district staff and unit officers, and group leaders for their group's
    /// birthdays. Leadership follows the count on the dashboard instead.
    /// </summary>
    public static bool CanReadReminders(this UserRole role) => role is UserRole.DistrictStaff or UserRole.UnitOfficer or UserRole.GroupLeader;

    /// <summary>Mark reminders done, dismiss or snooze them, record the visit that answers one.</summary>
    public static bool CanActOnReminders(this UserRole role) => role is UserRole.DistrictStaff or UserRole.UnitOfficer;

    /// <summary>The scheduled jobs' page: their runs and errors, and running one now.</summary>
    public static bool CanManageJobs(this UserRole role) => role is UserRole.Administrator;

    public static bool CanReadAuditLog(this UserRole role) => role is UserRole.Administrator;
}
