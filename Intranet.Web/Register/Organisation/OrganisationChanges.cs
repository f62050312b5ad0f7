using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register.Organisation;

/// <summary>A person as the move page lists them, with the version the move is checked against.</summary>
public sealed record MovablePerson(int Id, string Name, DateOnly BirthDate, string? GroupName, bool IsDeceased, long Version);

/// <summary>
/// Moving people between groups and units, and merging two groups of a unit: the register's staff anywhere, a unit
/// officer inside their unit. Each person moved is saved as a hand edit would be (their history shows the unit or group
/// change), all of a move in one transaction, checked against the versions the page read.
/// </summary>
public sealed class OrganisationChanges(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, AuditLog audit)
{
    public const int MaxPeople = 2000;

    private const string Changed = "调动失败：所选人员中有人在您操作期间已被他人修改。请重新载入后再试，尚未调动任何人。";

    /// <summary>The people of a unit (or of one group of it) in scope, for ticking; living first.</summary>
    public async Task<IReadOnlyList<MovablePerson>> PeopleAsync(int unitId, int? groupId, bool ungroupedOnly, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var people = user.Scope.Apply(db.Retirees.AsNoTracking()).Where(r => r.UnitId == unitId);
        if (groupId is { } group)
        {
            people = people.Where(r => r.GroupId == group);
        }
        else if (ungroupedOnly)
        {
            people = people.Where(r => r.GroupId == null);
        }

        return await people.OrderBy(r => r.IsDeceased).ThenBy(r => r.NamePinyin).ThenBy(r => r.Id).Take(MaxPeople)
            .Select(r => new MovablePerson(r.Id, r.Name, r.BirthDate, r.Group == null ? null : r.Group.Name, r.IsDeceased, r.Version))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Moves the people to <paramref name="unitId"/> and its group <paramref name="groupId"/> (none: out of any group).</summary>
    public async Task<CommandResult<int>> MoveAsync(IReadOnlyDictionary<int, long> people, int unitId, int? groupId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (await user.RefuseUnlessAsync(Permissions.CanEditRecords, audit, nameof(Retiree), "无修改权限的账户试图调动退休教工", "您的账户没有调动人员的权限。", cancellationToken) is { } refused)
        {
            return refused.As<int>();
        }

        if (people.Count == 0)
        {
            return CommandResult.Refused("请先勾选要调动的人员。").As<int>();
        }

        if (people.Count > MaxPeople)
        {
            return CommandResult.Refused($"一次最多调动 {MaxPeople} 人，请分批调动。").As<int>();
        }

        if (!user.Scope.Covers(unitId, groupId))
        {
            await audit.RetireeDeniedAsync(null, $"试图把退休教工调到范围之外的单位（单位编号 {unitId}）", cancellationToken);
            return CommandResult.Invalid("UnitId", "只能调到本单位的小组。").As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await user.Scope.Apply(db.Units.AsNoTracking()).AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return CommandResult.Invalid("UnitId", "所选单位不存在，请刷新后重试。").As<int>();
        }

        if (groupId is { } group && !await db.RetireeGroups.AnyAsync(g => g.Id == group && g.UnitId == unitId, cancellationToken))
        {
            return CommandResult.Invalid("GroupId", "所选退休小组不属于所选单位。").As<int>();
        }

        var ids = people.Keys.ToList();
        var found = await user.Scope.Apply(db.Retirees).Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        if (found.Count != ids.Count)
        {
            foreach (var missing in ids.Except(found.Select(r => r.Id)))
            {
                await PeopleInScope.LogOutOfScopeAsync(db, audit, missing, "试图调动范围之外的退休教工", cancellationToken);
            }

            return CommandResult.Changed("所选人员中有人已不在名册中（或不在您的管理范围内），请重新载入后再试，尚未调动任何人。").As<int>();
        }

        // A unit's group leader leads their own unit's people: one who leaves the unit no longer leads its group.
        var leaving = found.Where(r => r.UnitId != unitId).Select(r => r.Id).ToList();
        var led = await db.RetireeGroups.Where(g => g.LeaderId != null && leaving.Contains(g.LeaderId.Value)).ToListAsync(cancellationToken);
        foreach (var retiree in found)
        {
            db.Entry(retiree).Property(r => r.Version).OriginalValue = people[retiree.Id];
            (retiree.UnitId, retiree.GroupId) = (unitId, groupId);
        }

        foreach (var g in led)
        {
            g.LeaderId = null;
        }

        var saved = await db.SaveOrChangedAsync(Changed, cancellationToken);
        return saved.Succeeded ? CommandResult.Ok(found.Count) : saved.As<int>();
    }

    /// <summary>
    /// Merges group <paramref name="fromId"/> into <paramref name="intoId"/> of the same unit: its people (the deceased
    /// too) move, a group leader account of it now reads the merged group, a leader is kept if the other had none, and the
    /// emptied group is deleted.
    /// </summary>
    public async Task<CommandResult<int>> MergeGroupsAsync(int fromId, int intoId, CancellationToken cancellationToken = default)
    {
        if (await user.RefuseUnlessAsync(Permissions.CanEditRecords, audit, nameof(RetireeGroup), "无修改权限的账户试图合并退休小组", "您的账户没有合并小组的权限。", cancellationToken) is { } refused)
        {
            return refused.As<int>();
        }

        if (fromId == intoId)
        {
            return CommandResult.Invalid("IntoId", "请选择两个不同的小组。").As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = await user.Scope.Apply(db.RetireeGroups).Where(g => g.Id == fromId || g.Id == intoId).ToListAsync(cancellationToken);
        var from = groups.SingleOrDefault(g => g.Id == fromId);
        var into = groups.SingleOrDefault(g => g.Id == intoId);
        if (from is null || into is null)
        {
            await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied)
            {
                EntityType = nameof(RetireeGroup), EntityId = (from is null ? fromId : intoId).ToString(CultureInfo.InvariantCulture), Details = "试图合并范围之外的退休小组",
            }, cancellationToken);
            return CommandResult.Missing("未找到所选小组（可能已被合并或删除），或您无权操作。").As<int>();
        }

        if (from.UnitId != into.UnitId)
        {
            return CommandResult.Invalid("IntoId", "只能合并同一单位的小组；要把人调到别的单位，请用“人员调动”。").As<int>();
        }

        var members = await db.Retirees.Where(r => r.GroupId == fromId).ToListAsync(cancellationToken);
        foreach (var retiree in members)
        {
            retiree.GroupId = intoId;
        }

        foreach (var account in await db.Users.Where(u => u.GroupId == fromId).ToListAsync(cancellationToken))
        {
            account.GroupId = intoId;
        }

        into.LeaderId ??= from.LeaderId;
        db.RetireeGroups.Remove(from);
        var saved = await db.SaveOrChangedAsync("合并失败：小组或其成员在您操作期间已被他人修改，请重新载入后再试。", cancellationToken);
        return saved.Succeeded ? CommandResult.Ok(members.Count) : saved.As<int>();
    }
}
