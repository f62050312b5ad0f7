using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts.Administration;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Platform.Lists;
using Microsoft.EntityFrameworkCore;
using static Intranet.Web.Platform.Forms.FormText;

namespace Intranet.Web.Register.Organisation;

/// <summary>
/// The administrator's work on a unit's retiree groups (三级管理: district, unit, group): list, leaders, create, rename,
/// delete. Same permission as units, checked in every method; saves are guarded by the group's version.
/// </summary>
public sealed class GroupAdmin(IDbContextFactory<IntranetDbContext> dbFactory, AdminGate gate)
{
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

    public async Task<CommandResult<int>> CreateGroupAsync(int unitId, GroupForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("新建退休小组"))
        {
            return CommandResult.Refused(AdminMessages.NotAllowed).As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return CommandResult.Missing(AdminMessages.UnitMissing).As<int>();
        }

        var errors = await ValidateGroupAsync(db, unitId, form, groupId: null, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var group = new RetireeGroup { Name = form.Name.Trim(), UnitId = unitId, LeaderId = form.LeaderId };
        db.RetireeGroups.Add(group);
        return await SaveGroupAsync(db, form, unitId, cancellationToken) is { } failure
            ? failure.As<int>()
            : CommandResult.Ok(group.Id);
    }

    public async Task<CommandResult> UpdateGroupAsync(int groupId, GroupForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("修改退休小组"))
        {
            return CommandResult.Refused(AdminMessages.NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var group = await db.RetireeGroups.SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return CommandResult.Missing(AdminMessages.GroupMissing);
        }

        if (group.Version != form.Version)
        {
            return CommandResult.Changed(AdminMessages.GroupChanged);
        }

        var errors = await ValidateGroupAsync(db, group.UnitId, form, groupId, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        db.Entry(group).Property(g => g.Version).OriginalValue = form.Version;
        group.Name = form.Name.Trim();
        group.LeaderId = form.LeaderId;
        return await SaveGroupAsync(db, form, group.UnitId, cancellationToken) is { } failure ? failure : CommandResult.Ok();
    }

    /// <summary>Deletes a group nobody belongs to; members or a group leader's account keep it.</summary>
    public async Task<CommandResult> DeleteGroupAsync(int groupId, long version, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync("删除退休小组"))
        {
            return CommandResult.Refused(AdminMessages.NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var group = await db.RetireeGroups.SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return CommandResult.Missing(AdminMessages.GroupMissing);
        }

        if (group.Version != version)
        {
            return CommandResult.Changed(AdminMessages.GroupChanged);
        }

        // The database would quietly clear these links; refusing keeps every change a visible, audited one.
        var members = await db.Retirees.CountAsync(r => r.GroupId == groupId, cancellationToken);
        var leaders = await db.Users.CountAsync(u => u.GroupId == groupId, cancellationToken);
        var reasons = new List<string>();
        if (members > 0)
        {
            reasons.Add($"“{group.Name}”还有 {members} 名退休教工（含已故），不能删除。请先把他们调到其他小组。");
        }

        if (leaders > 0)
        {
            reasons.Add($"“{group.Name}”还有 {leaders} 个退休小组长账户，不能删除。请先修改这些账户。");
        }

        if (reasons.Count > 0)
        {
            return CommandResult.Refused(string.Join(" ", reasons));
        }

        db.Entry(group).Property(g => g.Version).OriginalValue = version;
        db.RetireeGroups.Remove(group);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Changed(AdminMessages.GroupChanged);
        }

        return CommandResult.Ok();
    }

    private static async Task<List<FieldError>> ValidateGroupAsync(IntranetDbContext db, int unitId, GroupForm form, int? groupId, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = form.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new(nameof(GroupForm.Name), "请输入小组名称。"));
        }
        else if (name.Length > 100)
        {
            errors.Add(new(nameof(GroupForm.Name), "小组名称不能超过 100 个字。"));
        }
        else if (await GroupNameTakenAsync(db, unitId, name, groupId, cancellationToken))
        {
            errors.Add(new(nameof(GroupForm.Name), GroupNameTaken(name)));
        }

        if (form.LeaderId is { } leaderId
            && !await db.Retirees.AnyAsync(r => r.Id == leaderId && r.UnitId == unitId && !r.IsDeceased, cancellationToken))
        {
            errors.Add(new(nameof(GroupForm.LeaderId), "组长须是本单位健在的退休教工。"));
        }

        return errors;
    }

    private static Task<bool> GroupNameTakenAsync(IntranetDbContext db, int unitId, string name, int? groupId, CancellationToken cancellationToken) =>
        db.RetireeGroups.AnyAsync(g => g.UnitId == unitId && g.Name == name && g.Id != groupId, cancellationToken);

    private static string GroupNameTaken(string name) => $"本单位已有名为“{name}”的小组，小组名称在单位内不能重复。";

    private static async Task<CommandResult?> SaveGroupAsync(IntranetDbContext db, GroupForm form, int unitId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Changed(AdminMessages.GroupChanged);
        }
        catch (DbUpdateException)
        {
            var name = form.Name.Trim();
            db.ChangeTracker.Clear();
            if (await GroupNameTakenAsync(db, unitId, name, null, cancellationToken))
            {
                return CommandResult.Invalid(nameof(GroupForm.Name), GroupNameTaken(name));
            }

            throw;
        }
    }

    private Task<bool> AllowedAsync(string action) => gate.AllowedAsync(nameof(RetireeGroup), $"单位管理：{action}");

    private Task DemandAsync(string action) => gate.DemandAsync(nameof(RetireeGroup), $"单位管理：{action}");
}

public sealed record GroupListItem(int Id, string Name, int? LeaderId, string? LeaderName, int MemberCount, long Version);

public sealed class GroupForm
{
    public string Name { get; set; } = string.Empty;

    public int? LeaderId { get; set; }

    public long Version { get; set; }
}
