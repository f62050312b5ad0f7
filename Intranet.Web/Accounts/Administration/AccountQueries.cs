using System.Globalization;
using System.Linq.Expressions;
using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Accounts.Administration;

/// <summary>
/// What the administrator's account pages read. Each read checks the permission itself: the pages sit behind
/// <see cref="Policies.ManageAccounts"/>, but only a call that bypassed them gets here without it, and it is refused.
/// </summary>
public sealed class AccountQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser currentUser, AdminGate gate, TimeProvider time)
{
    private static readonly Dictionary<string, Expression<Func<AppUser, object?>>> SortKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(AccountListItem.UserName)] = u => u.NormalizedUserName,
        [nameof(AccountListItem.DisplayName)] = u => u.DisplayName,
        [nameof(AccountListItem.Role)] = u => u.Role,
        [nameof(AccountListItem.UnitName)] = u => u.Unit!.Name,
        [nameof(AccountListItem.GroupName)] = u => u.Group!.Name,
        [nameof(AccountListItem.LastSignInAt)] = u => u.LastSignInAt,
    };

    /// <summary>The signed-in administrator's own account, which they may not lock, disable or demote.</summary>
    public int? OwnAccountId => currentUser.Principal.UserId();

    public async Task<PagedResult<AccountListItem>> ListAsync(AccountFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        await DemandAsync("查看账户列表");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            var upper = term.ToUpperInvariant();
            query = query.Where(u => u.DisplayName.Contains(term) || u.NormalizedUserName.Contains(upper));
        }

        if (filter.Role is { } role)
        {
            query = query.Where(u => u.Role == role);
        }

        if (filter.UnitId is { } unitId)
        {
            query = query.Where(u => u.UnitId == unitId);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await Sort(query, page)
            .Skip(page.Skip)
            .Take(Math.Clamp(page.Take, 1, 500))
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                u.Role,
                UnitName = u.Unit == null ? null : u.Unit.Name,
                GroupName = u.Group == null ? null : u.Group.Name,
                u.IsDisabled,
                u.LockoutEnd,
                u.MustChangePassword,
                u.LastSignInAt,
            })
            .ToListAsync(cancellationToken);

        // SQLite cannot compare DateTimeOffset values, so whether a lock still holds is decided here.
        var now = time.GetUtcNow();
        var items = rows.Select(u => new AccountListItem(
            u.Id, u.UserName, u.DisplayName, u.Role, u.UnitName, u.GroupName, u.IsDisabled,
            u.LockoutEnd > now ? u.LockoutEnd : null, u.MustChangePassword, u.LastSignInAt)).ToList();
        return new PagedResult<AccountListItem>(items, total);
    }

    /// <summary>The account as the edit form shows it, with the version the save will be checked against.</summary>
    public async Task<AccountForm?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await DemandAsync("查看账户");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new AccountForm
            {
                UserName = u.UserName,
                DisplayName = u.DisplayName,
                Email = u.Email,
                Role = u.Role,
                UnitId = u.UnitId,
                GroupId = u.GroupId,
                Version = u.Version,
            })
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every unit, in the office's order; inactive ones are marked so an old account's unit still shows.</summary>
    public async Task<IReadOnlyList<Choice>> UnitChoicesAsync(string? term, int? selected, CancellationToken cancellationToken = default)
    {
        await DemandAsync("查看单位列表");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ChoiceQueries.PickAsync(
            db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Name),
            term is null ? null : u => u.Name.Contains(term),
            u => new Choice(u.Id, u.IsActive ? u.Name : u.Name + "（已停用）"),
            selected is { } id ? u => u.Id == id : null,
            cancellationToken);
    }

    public async Task<IReadOnlyList<Choice>> GroupChoicesAsync(int? unitId, CancellationToken cancellationToken = default)
    {
        await DemandAsync("查看退休小组列表");
        if (unitId is null)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RetireeGroups.AsNoTracking().Where(g => g.UnitId == unitId).OrderBy(g => g.Name)
            .Select(g => new Choice(g.Id, g.Name))
            .ToListAsync(cancellationToken);
    }

    private Task DemandAsync(string action) => gate.DemandAsync(nameof(AppUser), $"账户管理：{action}");

    private static IQueryable<AppUser> Sort(IQueryable<AppUser> query, PageRequest page)
    {
        if (page.SortBy is null || !SortKeys.TryGetValue(page.SortBy, out var key))
        {
            return query.OrderBy(u => u.Role).ThenBy(u => u.NormalizedUserName);
        }

        var ordered = page.Descending ? query.OrderByDescending(key) : query.OrderBy(key);
        return ordered.ThenBy(u => u.Id);
    }
}
