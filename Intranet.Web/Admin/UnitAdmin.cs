using System.Linq.Expressions;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Admin;

/// <summary>
/// The administrator's work on units and their retiree groups. Same permission as accounts, checked in
/// every method. Saves are guarded by the record's version: a form saved over someone else's newer
/// change is refused, not merged.
/// </summary>
public sealed class UnitAdmin(IDbContextFactory<IntranetDbContext> dbFactory, AdminGate gate)
{
    private static readonly Dictionary<string, Expression<Func<Unit, object?>>> SortKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(UnitListItem.Name)] = u => u.Name,
        [nameof(UnitListItem.Kind)] = u => u.Kind,
        [nameof(UnitListItem.SortOrder)] = u => u.SortOrder,
        [nameof(UnitListItem.OfficerName)] = u => u.OfficerName,
        [nameof(UnitListItem.IsActive)] = u => u.IsActive,
    };

    public async Task<PagedResult<UnitListItem>> ListAsync(string? search, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        await DemandAsync("查看单位列表");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Units.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(u => u.Name.Contains(term) || (u.OfficerName != null && u.OfficerName.Contains(term)));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await Sort(query, page)
            .Skip(page.Skip)
            .Take(Math.Clamp(page.Take, 1, 500))
            .Select(u => new UnitListItem(
                u.Id, u.Name, u.Kind, u.SortOrder, u.OfficerName, u.OfficerPhone, u.IsActive,
                db.Retirees.Count(r => r.UnitId == u.Id && !r.IsDeceased),
                u.Groups.Count))
            .ToListAsync(cancellationToken);
        return new PagedResult<UnitListItem>(items, total);
    }

    public async Task<UnitForm?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await DemandAsync("查看单位");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Units.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new UnitForm
            {
                Name = u.Name,
                Kind = u.Kind,
                SortOrder = u.SortOrder,
                OfficerName = u.OfficerName,
                OfficerPhone = u.OfficerPhone,
                IsActive = u.IsActive,
                Version = u.Version,
            })
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<AdminResult<int>> CreateAsync(UnitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("新建单位"))
        {
            return AdminResult.Fail<int>(AdminMessages.NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var errors = await ValidateAsync(db, form, id: null, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminResult.Fail<int>(errors);
        }

        var unit = new Unit { Name = form.Name.Trim() };
        Apply(form, unit);
        db.Units.Add(unit);
        return await SaveAsync(db, form, cancellationToken) is { } failure
            ? AdminResult.Fail<int>(failure)
            : AdminResult.Ok(unit.Id);
    }

    /// <summary>Saves the form over the unit, if nobody changed the unit since the form was loaded.</summary>
    public async Task<AdminResult> UpdateAsync(int id, UnitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("修改单位"))
        {
            return AdminResult.Fail(AdminMessages.NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return AdminResult.Fail(AdminMessages.UnitMissing);
        }

        if (unit.Version != form.Version)
        {
            return AdminResult.Fail(AdminMessages.UnitChanged);
        }

        var errors = await ValidateAsync(db, form, id, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminResult.Fail(errors);
        }

        // The update's WHERE compares with the version the form was loaded with, which catches a change
        // saved between the read above and this save.
        db.Entry(unit).Property(u => u.Version).OriginalValue = form.Version;
        unit.Name = form.Name.Trim();
        Apply(form, unit);
        return await SaveAsync(db, form, cancellationToken) is { } failure ? AdminResult.Fail(failure) : AdminResult.Ok();
    }

    /// <summary>Deletes a unit nobody belongs to, with its (empty) groups.</summary>
    public async Task<AdminResult> DeleteAsync(int id, long version, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync("删除单位"))
        {
            return AdminResult.Fail(AdminMessages.NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await db.Units.Include(u => u.Groups).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return AdminResult.Fail(AdminMessages.UnitMissing);
        }

        if (unit.Version != version)
        {
            return AdminResult.Fail(AdminMessages.UnitChanged);
        }

        var groupIds = unit.Groups.Select(g => g.Id).ToList();
        var retirees = await db.Retirees.CountAsync(r => r.UnitId == id || (r.GroupId != null && groupIds.Contains(r.GroupId.Value)), cancellationToken);
        var accounts = await db.Users.CountAsync(u => u.UnitId == id || (u.GroupId != null && groupIds.Contains(u.GroupId.Value)), cancellationToken);
        var errors = new List<string>();
        if (retirees > 0)
        {
            errors.Add($"“{unit.Name}”还有 {retirees} 名退休教工的记录（含已故），不能删除。请先把他们转到其他单位。");
        }

        if (accounts > 0)
        {
            errors.Add($"“{unit.Name}”还有 {accounts} 个账户（单位退管干部或退休小组长），不能删除。请先把这些账户改到其他单位。");
        }

        if (errors.Count > 0)
        {
            return AdminResult.Fail(errors);
        }

        db.Entry(unit).Property(u => u.Version).OriginalValue = version;
        db.RetireeGroups.RemoveRange(unit.Groups);
        db.Units.Remove(unit);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AdminResult.Fail(AdminMessages.UnitChanged);
        }
        catch (DbUpdateException)
        {
            // A record added meanwhile (or kept by a table added later) still points at the unit.
            return AdminResult.Fail($"“{unit.Name}”还有关联的记录，不能删除。");
        }

        return AdminResult.Ok();
    }

    public async Task<IReadOnlyList<GroupListItem>> GroupsAsync(int unitId, CancellationToken cancellationToken = default)
    {
        await DemandAsync("查看退休小组");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RetireeGroups.AsNoTracking().Where(g => g.UnitId == unitId).OrderBy(g => g.Name)
            .Select(g => new GroupListItem(
                g.Id, g.Name, g.LeaderId, g.Leader == null ? null : g.Leader.Name,
                db.Retirees.Count(r => r.GroupId == g.Id && !r.IsDeceased), g.Version))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Who may lead a group of the unit: its living retirees.</summary>
    public async Task<IReadOnlyList<Choice>> LeaderChoicesAsync(int unitId, CancellationToken cancellationToken = default)
    {
        await DemandAsync("查看可选组长");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var people = await db.Retirees.AsNoTracking().Where(r => r.UnitId == unitId && !r.IsDeceased).OrderBy(r => r.Name)
            .Select(r => new { r.Id, r.Name, r.BirthDate, GroupName = r.Group == null ? null : r.Group.Name })
            .ToListAsync(cancellationToken);

        // Namesakes are common; the birth year and group tell them apart.
        return people.Select(p => new Choice(p.Id, $"{p.Name}（{p.BirthDate.Year}年生{(p.GroupName is null ? string.Empty : "，" + p.GroupName)}）")).ToList();
    }

    public async Task<AdminResult<int>> CreateGroupAsync(int unitId, GroupForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("新建退休小组"))
        {
            return AdminResult.Fail<int>(AdminMessages.NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return AdminResult.Fail<int>(AdminMessages.UnitMissing);
        }

        var errors = await ValidateGroupAsync(db, unitId, form, groupId: null, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminResult.Fail<int>(errors);
        }

        var group = new RetireeGroup { Name = form.Name.Trim(), UnitId = unitId, LeaderId = form.LeaderId };
        db.RetireeGroups.Add(group);
        return await SaveGroupAsync(db, form, unitId, cancellationToken) is { } failure
            ? AdminResult.Fail<int>(failure)
            : AdminResult.Ok(group.Id);
    }

    public async Task<AdminResult> UpdateGroupAsync(int groupId, GroupForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("修改退休小组"))
        {
            return AdminResult.Fail(AdminMessages.NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var group = await db.RetireeGroups.SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return AdminResult.Fail(AdminMessages.GroupMissing);
        }

        if (group.Version != form.Version)
        {
            return AdminResult.Fail(AdminMessages.GroupChanged);
        }

        var errors = await ValidateGroupAsync(db, group.UnitId, form, groupId, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminResult.Fail(errors);
        }

        db.Entry(group).Property(g => g.Version).OriginalValue = form.Version;
        group.Name = form.Name.Trim();
        group.LeaderId = form.LeaderId;
        return await SaveGroupAsync(db, form, group.UnitId, cancellationToken) is { } failure ? AdminResult.Fail(failure) : AdminResult.Ok();
    }

    /// <summary>Deletes a group nobody belongs to; members or a group leader's account keep it.</summary>
    public async Task<AdminResult> DeleteGroupAsync(int groupId, long version, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync("删除退休小组"))
        {
            return AdminResult.Fail(AdminMessages.NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var group = await db.RetireeGroups.SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return AdminResult.Fail(AdminMessages.GroupMissing);
        }

        if (group.Version != version)
        {
            return AdminResult.Fail(AdminMessages.GroupChanged);
        }

        // The database would quietly clear these links; refusing keeps every change a visible, audited one.
        var members = await db.Retirees.CountAsync(r => r.GroupId == groupId, cancellationToken);
        var leaders = await db.Users.CountAsync(u => u.GroupId == groupId, cancellationToken);
        var errors = new List<string>();
        if (members > 0)
        {
            errors.Add($"“{group.Name}”还有 {members} 名退休教工（含已故），不能删除。请先把他们调到其他小组。");
        }

        if (leaders > 0)
        {
            errors.Add($"“{group.Name}”还有 {leaders} 个退休小组长账户，不能删除。请先修改这些账户。");
        }

        if (errors.Count > 0)
        {
            return AdminResult.Fail(errors);
        }

        db.Entry(group).Property(g => g.Version).OriginalValue = version;
        db.RetireeGroups.Remove(group);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AdminResult.Fail(AdminMessages.GroupChanged);
        }

        return AdminResult.Ok();
    }

    private static void Apply(UnitForm form, Unit unit)
    {
        unit.Kind = form.Kind!.Value;
        unit.SortOrder = form.SortOrder;
        unit.OfficerName = Clean(form.OfficerName);
        unit.OfficerPhone = Clean(form.OfficerPhone);
        unit.IsActive = form.IsActive;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<List<string>> ValidateAsync(IntranetDbContext db, UnitForm form, int? id, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var name = form.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("请输入单位名称。");
        }
        else if (name.Length > 100)
        {
            errors.Add("单位名称不能超过 100 个字。");
        }
        else if (await NameTakenAsync(db, name, id, cancellationToken))
        {
            errors.Add(NameTaken(name));
        }

        if (form.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add("请选择单位类型。");
        }

        if (Clean(form.OfficerName) is { Length: > 50 })
        {
            errors.Add("退管干部姓名不能超过 50 个字。");
        }

        if (Clean(form.OfficerPhone) is { } phone && (phone.Length > 30 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+' or '(' or ')')))
        {
            errors.Add("退管干部电话只能填数字（可带区号和“-”），不超过 30 个字符。");
        }

        return errors;
    }

    private static Task<bool> NameTakenAsync(IntranetDbContext db, string name, int? id, CancellationToken cancellationToken) =>
        db.Units.AnyAsync(u => u.Name == name && u.Id != id, cancellationToken);

    private static string NameTaken(string name) => $"已有名为“{name}”的单位，单位名称不能重复。";

    /// <summary>Saves; a stale version or a name taken in the same instant come back as messages.</summary>
    private static async Task<string?> SaveAsync(IntranetDbContext db, UnitForm form, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return AdminMessages.UnitChanged;
        }
        catch (DbUpdateException)
        {
            var name = form.Name.Trim();
            db.ChangeTracker.Clear();
            if (await NameTakenAsync(db, name, null, cancellationToken))
            {
                return NameTaken(name);
            }

            throw;
        }
    }

    private static async Task<List<string>> ValidateGroupAsync(IntranetDbContext db, int unitId, GroupForm form, int? groupId, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var name = form.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("请输入小组名称。");
        }
        else if (name.Length > 100)
        {
            errors.Add("小组名称不能超过 100 个字。");
        }
        else if (await GroupNameTakenAsync(db, unitId, name, groupId, cancellationToken))
        {
            errors.Add(GroupNameTaken(name));
        }

        if (form.LeaderId is { } leaderId
            && !await db.Retirees.AnyAsync(r => r.Id == leaderId && r.UnitId == unitId && !r.IsDeceased, cancellationToken))
        {
            errors.Add("组长须是本单位健在的退休教工。");
        }

        return errors;
    }

    private static Task<bool> GroupNameTakenAsync(IntranetDbContext db, int unitId, string name, int? groupId, CancellationToken cancellationToken) =>
        db.RetireeGroups.AnyAsync(g => g.UnitId == unitId && g.Name == name && g.Id != groupId, cancellationToken);

    private static string GroupNameTaken(string name) => $"本单位已有名为“{name}”的小组，小组名称在单位内不能重复。";

    private static async Task<string?> SaveGroupAsync(IntranetDbContext db, GroupForm form, int unitId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return AdminMessages.GroupChanged;
        }
        catch (DbUpdateException)
        {
            var name = form.Name.Trim();
            db.ChangeTracker.Clear();
            if (await GroupNameTakenAsync(db, unitId, name, null, cancellationToken))
            {
                return GroupNameTaken(name);
            }

            throw;
        }
    }

    private Task<bool> AllowedAsync(string action) => gate.AllowedAsync(nameof(Unit), $"单位管理：{action}");

    private Task DemandAsync(string action) => gate.DemandAsync(nameof(Unit), $"单位管理：{action}");

    private static IQueryable<Unit> Sort(IQueryable<Unit> query, PageRequest page)
    {
        if (page.SortBy is null || !SortKeys.TryGetValue(page.SortBy, out var key))
        {
            return query.OrderBy(u => u.SortOrder).ThenBy(u => u.Name).ThenBy(u => u.Id);
        }

        var ordered = page.Descending ? query.OrderByDescending(key) : query.OrderBy(key);
        return ordered.ThenBy(u => u.Id);
    }
}

public sealed record UnitListItem(
    int Id,
    string Name,
    UnitKind Kind,
    int SortOrder,
    string? OfficerName,
    string? OfficerPhone,
    bool IsActive,
    int RetireeCount,
    int GroupCount);

public sealed class UnitForm
{
    public string Name { get; set; } = string.Empty;

    public UnitKind? Kind { get; set; } = UnitKind.School;

    public int SortOrder { get; set; }

    public string? OfficerName { get; set; }

    public string? OfficerPhone { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The unit's version when the form was loaded.</summary>
    public long Version { get; set; }
}

public sealed record GroupListItem(int Id, string Name, int? LeaderId, string? LeaderName, int MemberCount, long Version);

public sealed class GroupForm
{
    public string Name { get; set; } = string.Empty;

    public int? LeaderId { get; set; }

    public long Version { get; set; }
}

/// <summary>The unit kinds for a dropdown, in the enum's order.</summary>
public static class UnitKinds
{
    public static IReadOnlyList<UnitKindChoice> All { get; } =
        [.. Enum.GetValues<UnitKind>().Select(k => new UnitKindChoice(k, k.Label()))];
}

public sealed record UnitKindChoice(UnitKind Value, string Label);
