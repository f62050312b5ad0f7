using System.Linq.Expressions;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Accounts.Administration;
using Intranet.Web.Platform.Forms;
using Microsoft.EntityFrameworkCore;
using static Intranet.Web.Platform.Forms.FormText;

namespace Intranet.Web.Register.Organisation;

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

    public async Task<CommandResult<int>> CreateAsync(UnitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("新建单位"))
        {
            return CommandResult.Refused(AdminMessages.NotAllowed).As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var errors = await ValidateAsync(db, form, id: null, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<int>();
        }

        var unit = new Unit { Name = form.Name.Trim() };
        Apply(form, unit);
        db.Units.Add(unit);
        return await SaveAsync(db, form, cancellationToken) is { } failure
            ? failure.As<int>()
            : CommandResult.Ok(unit.Id);
    }

    /// <summary>Saves the form over the unit, if nobody changed the unit since the form was loaded.</summary>
    public async Task<CommandResult> UpdateAsync(int id, UnitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("修改单位"))
        {
            return CommandResult.Refused(AdminMessages.NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return CommandResult.Missing(AdminMessages.UnitMissing);
        }

        if (unit.Version != form.Version)
        {
            return CommandResult.Changed(AdminMessages.UnitChanged);
        }

        var errors = await ValidateAsync(db, form, id, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        // The update's WHERE compares with the version the form was loaded with, which catches a change
        // saved between the read above and this save.
        db.Entry(unit).Property(u => u.Version).OriginalValue = form.Version;
        unit.Name = form.Name.Trim();
        Apply(form, unit);
        return await SaveAsync(db, form, cancellationToken) is { } failure ? failure : CommandResult.Ok();
    }

    /// <summary>Deletes a unit nobody belongs to, with its (empty) groups.</summary>
    public async Task<CommandResult> DeleteAsync(int id, long version, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync("删除单位"))
        {
            return CommandResult.Refused(AdminMessages.NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await db.Units.Include(u => u.Groups).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return CommandResult.Missing(AdminMessages.UnitMissing);
        }

        if (unit.Version != version)
        {
            return CommandResult.Changed(AdminMessages.UnitChanged);
        }

        var groupIds = unit.Groups.Select(g => g.Id).ToList();
        var retirees = await db.Retirees.CountAsync(r => r.UnitId == id || (r.GroupId != null && groupIds.Contains(r.GroupId.Value)), cancellationToken);
        var accounts = await db.Users.CountAsync(u => u.UnitId == id || (u.GroupId != null && groupIds.Contains(u.GroupId.Value)), cancellationToken);
        var reasons = new List<string>();
        if (retirees > 0)
        {
            reasons.Add($"“{unit.Name}”还有 {retirees} 名退休教工的记录（含已故），不能删除。请先把他们转到其他单位。");
        }

        if (accounts > 0)
        {
            reasons.Add($"“{unit.Name}”还有 {accounts} 个账户（单位退管干部或退休小组长），不能删除。请先把这些账户改到其他单位。");
        }

        if (reasons.Count > 0)
        {
            return CommandResult.Refused(string.Join(" ", reasons));
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
            return CommandResult.Changed(AdminMessages.UnitChanged);
        }
        catch (DbUpdateException)
        {
            // A record added meanwhile (or kept by a table added later) still points at the unit.
            return CommandResult.Refused($"“{unit.Name}”还有关联的记录，不能删除。");
        }

        return CommandResult.Ok();
    }

    private static void Apply(UnitForm form, Unit unit)
    {
        unit.Kind = form.Kind!.Value;
        unit.SortOrder = form.SortOrder;
        unit.OfficerName = Clean(form.OfficerName);
        unit.OfficerPhone = Clean(form.OfficerPhone);
        unit.IsActive = form.IsActive;
    }

    private static async Task<List<FieldError>> ValidateAsync(IntranetDbContext db, UnitForm form, int? id, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = form.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new(nameof(UnitForm.Name), "请输入单位名称。"));
        }
        else if (name.Length > 100)
        {
            errors.Add(new(nameof(UnitForm.Name), "单位名称不能超过 100 个字。"));
        }
        else if (await NameTakenAsync(db, name, id, cancellationToken))
        {
            errors.Add(new(nameof(UnitForm.Name), NameTaken(name)));
        }

        if (form.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add(new(nameof(UnitForm.Kind), "请选择单位类型。"));
        }

        if (Clean(form.OfficerName) is { Length: > 50 })
        {
            errors.Add(new(nameof(UnitForm.OfficerName), "退管干部姓名不能超过 50 个字。"));
        }

        if (Clean(form.OfficerPhone) is { } phone && (phone.Length > 30 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+' or '(' or ')')))
        {
            errors.Add(new(nameof(UnitForm.OfficerPhone), "退管干部电话只能填数字（可带区号和“-”），不超过 30 个字符。"));
        }

        return errors;
    }

    private static Task<bool> NameTakenAsync(IntranetDbContext db, string name, int? id, CancellationToken cancellationToken) =>
        db.Units.AnyAsync(u => u.Name == name && u.Id != id, cancellationToken);

    private static string NameTaken(string name) => $"已有名为“{name}”的单位，单位名称不能重复。";

    /// <summary>Saves; a stale version or a name taken in the same instant come back as messages.</summary>
    private static async Task<CommandResult?> SaveAsync(IntranetDbContext db, UnitForm form, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Changed(AdminMessages.UnitChanged);
        }
        catch (DbUpdateException)
        {
            var name = form.Name.Trim();
            db.ChangeTracker.Clear();
            if (await NameTakenAsync(db, name, null, cancellationToken))
            {
                return CommandResult.Invalid(nameof(UnitForm.Name), NameTaken(name));
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


/// <summary>The unit kinds for a dropdown, in the enum's order.</summary>
public static class UnitKinds
{
    public static IReadOnlyList<Option<UnitKind>> All { get; } = FieldOptions.Of(Enum.GetValues<UnitKind>(), k => k.Label());
}

