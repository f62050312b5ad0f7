using System.Globalization;
using System.Linq.Expressions;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Register;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Admin;

/// <summary>
/// The administrator's work on accounts. Every method checks the permission itself: the pages sit behind
/// <see cref="Policies.ManageAccounts"/>, but the rule is enforced here, where the change is made.
/// Changes go through Identity's <see cref="UserManager{TUser}"/>, whose store saves through the app's
/// DbContext, so each one is audited with its old and new values in the same transaction.
/// </summary>
public sealed class AccountAdmin(
    IDbContextFactory<IntranetDbContext> dbFactory,
    UserManager<AppUser> userManager,
    CurrentUser currentUser,
    AdminGate gate,
    TimeProvider time)
{
    /// <summary>An administrator's lock lasts until an administrator lifts it.</summary>
    public static readonly DateTimeOffset LockedByAdministrator = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

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

    /// <summary>Makes the account with a generated password, to be changed at first sign-in; the password is in the result, once.</summary>
    public async Task<AdminResult<IssuedPassword>> CreateAsync(AccountForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("新建账户"))
        {
            return AdminResult.Fail<IssuedPassword>(AdminMessages.NotAllowed);
        }

        var errors = await ValidateAsync(form, creating: true, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminResult.Fail<IssuedPassword>(errors);
        }

        var user = new AppUser
        {
            UserName = form.UserName.Trim(),
            NormalizedUserName = string.Empty,
            DisplayName = form.DisplayName.Trim(),
            Role = form.Role!.Value,
            UnitId = form.UnitId,
            GroupId = form.GroupId,
            MustChangePassword = true,
        };
        var password = TemporaryPassword.New();
        IdentityResult result;
        try
        {
            result = await userManager.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            // Two saves of the same name at once both pass Identity's check; the unique index stops the second.
            if (await userManager.FindByNameAsync(user.UserName) is not null)
            {
                return AdminResult.Fail<IssuedPassword>(userManager.ErrorDescriber.DuplicateUserName(user.UserName).Description);
            }

            throw;
        }

        return result.Succeeded
            ? AdminResult.Ok(new IssuedPassword(user.Id, user.UserName, user.DisplayName, password))
            : AdminResult.Fail<IssuedPassword>(result.Errors.Select(e => e.Description));
    }

    /// <summary>Saves the form over the account, if nobody changed the account since the form was loaded.</summary>
    public async Task<AdminResult> UpdateAsync(int id, AccountForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("修改账户"))
        {
            return AdminResult.Fail(AdminMessages.NotAllowed);
        }

        var user = await userManager.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (user is null)
        {
            return AdminResult.Fail(AdminMessages.AccountMissing);
        }

        if (user.Version != form.Version)
        {
            return AdminResult.Fail(AdminMessages.AccountChanged);
        }

        var errors = await ValidateAsync(form, creating: false, cancellationToken);
        if (errors.Count > 0)
        {
            return AdminResult.Fail(errors);
        }

        var role = form.Role!.Value;
        if (user.Role == UserRole.Administrator && role != UserRole.Administrator)
        {
            if (IsOwn(user))
            {
                return AdminResult.Fail("不能取消您自己的系统管理员角色。");
            }

            if (await IsLastActiveAdministratorAsync(user, cancellationToken))
            {
                return AdminResult.Fail("这是最后一个可用的系统管理员账户，不能改为其他角色。");
            }
        }

        // The cookie carries role, unit and group; a new stamp ends the sessions that still carry the old ones.
        var rightsChanged = user.Role != role || user.UnitId != form.UnitId || user.GroupId != form.GroupId;
        user.DisplayName = form.DisplayName.Trim();
        user.Role = role;
        user.UnitId = form.UnitId;
        user.GroupId = form.GroupId;
        var result = rightsChanged ? await userManager.UpdateSecurityStampAsync(user) : await userManager.UpdateAsync(user);
        return ToResult(result);
    }

    /// <summary>A new temporary password in place of the old one; open sessions end and the password must be changed.</summary>
    public async Task<AdminResult<IssuedPassword>> ResetPasswordAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync("重置密码"))
        {
            return AdminResult.Fail<IssuedPassword>(AdminMessages.NotAllowed);
        }

        var user = await userManager.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (user is null)
        {
            return AdminResult.Fail<IssuedPassword>(AdminMessages.AccountMissing);
        }

        if (IsOwn(user))
        {
            return AdminResult.Fail<IssuedPassword>("请通过“修改密码”修改您自己的密码。");
        }

        var password = TemporaryPassword.New();
        foreach (var validator in userManager.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(userManager, user, password);
            if (!valid.Succeeded)
            {
                return AdminResult.Fail<IssuedPassword>(valid.Errors.Select(e => e.Description));
            }
        }

        // Hash, must-change mark and new stamp in one save, so the account is never left without a password
        // (Remove- then AddPasswordAsync would save twice).
        user.ReplacePasswordHash(userManager.PasswordHasher.HashPassword(user, password));
        user.MustChangePassword = true;
        var result = await userManager.UpdateSecurityStampAsync(user);
        return result.Succeeded
            ? AdminResult.Ok(new IssuedPassword(user.Id, user.UserName, user.DisplayName, password))
            : AdminResult.Fail<IssuedPassword>(result.Errors.Select(e => e.Description));
    }

    /// <summary>Locks the account until an administrator unlocks it, and ends its open sessions.</summary>
    public Task<AdminResult> LockAsync(int id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "锁定账户", "锁定", endSessions: true, user => user.LockoutEnd = LockedByAdministrator, cancellationToken);

    /// <summary>Lifts an administrator's lock or one from too many failed sign-ins.</summary>
    public Task<AdminResult> UnlockAsync(int id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "解锁账户", refusing: null, endSessions: false, user =>
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }, cancellationToken);

    public Task<AdminResult> DisableAsync(int id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "停用账户", "停用", endSessions: true, user => user.IsDisabled = true, cancellationToken);

    public Task<AdminResult> EnableAsync(int id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "启用账户", refusing: null, endSessions: false, user => user.IsDisabled = false, cancellationToken);

    private async Task<AdminResult> ChangeAsync(
        int id, string action, string? refusing, bool endSessions, Action<AppUser> change, CancellationToken cancellationToken)
    {
        if (!await AllowedAsync(action))
        {
            return AdminResult.Fail(AdminMessages.NotAllowed);
        }

        // Row actions act on the account as it is now: nothing typed on a form can go stale.
        var user = await userManager.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (user is null)
        {
            return AdminResult.Fail(AdminMessages.AccountMissing);
        }

        if (refusing is not null)
        {
            if (IsOwn(user))
            {
                return AdminResult.Fail($"不能{refusing}您自己的账户。");
            }

            if (await IsLastActiveAdministratorAsync(user, cancellationToken))
            {
                return AdminResult.Fail($"这是最后一个可用的系统管理员账户，不能{refusing}。");
            }
        }

        change(user);
        var result = endSessions ? await userManager.UpdateSecurityStampAsync(user) : await userManager.UpdateAsync(user);
        return ToResult(result);
    }

    private async Task<List<string>> ValidateAsync(AccountForm form, bool creating, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (creating)
        {
            var userName = form.UserName?.Trim();
            if (string.IsNullOrEmpty(userName))
            {
                errors.Add("请输入登录名。");
            }
            else if (userName.Length > 64)
            {
                errors.Add("登录名不能超过 64 个字符。");
            }
        }

        var displayName = form.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName))
        {
            errors.Add("请输入姓名。");
        }
        else if (displayName.Length > 50)
        {
            errors.Add("姓名不能超过 50 个字。");
        }

        if (form.Role is not { } role || !Enum.IsDefined(role))
        {
            errors.Add("请选择角色。");
            return errors;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (AccountRules.NeedsUnit(role))
        {
            if (form.UnitId is not { } unitId)
            {
                errors.Add($"{role.Label()}必须选择所属单位。");
            }
            else if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
            {
                errors.Add(AdminMessages.UnitMissing);
            }
        }
        else if (form.UnitId is not null)
        {
            errors.Add($"{role.Label()}不属于某个单位，请清空“单位”。");
        }

        if (AccountRules.NeedsGroup(role))
        {
            if (form.GroupId is not { } groupId)
            {
                errors.Add("退休小组长必须选择所带的退休小组。");
            }
            else if (form.UnitId is { } unitId
                && !await db.RetireeGroups.AnyAsync(g => g.Id == groupId && g.UnitId == unitId, cancellationToken))
            {
                errors.Add("所选退休小组不属于所选单位。");
            }
        }
        else if (form.GroupId is not null)
        {
            errors.Add($"{role.Label()}不带退休小组，请清空“退休小组”。");
        }

        return errors;
    }

    private bool IsOwn(AppUser user) => OwnAccountId == user.Id;

    /// <summary>Whether taking this account away would leave nobody able to manage accounts.</summary>
    private async Task<bool> IsLastActiveAdministratorAsync(AppUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (user.Role != UserRole.Administrator || !AccountRules.IsUsable(user.IsDisabled, user.LockoutEnd, now))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var others = await db.Users.AsNoTracking()
            .Where(u => u.Role == UserRole.Administrator && u.Id != user.Id && !u.IsDisabled)
            .Select(u => u.LockoutEnd)
            .ToListAsync(cancellationToken);
        return !others.Any(lockoutEnd => AccountRules.IsUsable(isDisabled: false, lockoutEnd, now));
    }

    private static AdminResult ToResult(IdentityResult result) =>
        result.Succeeded ? AdminResult.Ok() : AdminResult.Fail(result.Errors.Select(e => e.Description));

    private Task<bool> AllowedAsync(string action) => gate.AllowedAsync(nameof(AppUser), $"账户管理：{action}");

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

/// <summary>Which roles belong to a unit or a group, for the form and the checks alike.</summary>
public static class AccountRules
{
    public static bool NeedsUnit(UserRole role) => role is UserRole.UnitOfficer or UserRole.GroupLeader;

    public static bool NeedsGroup(UserRole role) => role is UserRole.GroupLeader;

    public static bool IsUsable(bool isDisabled, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        !isDisabled && (lockoutEnd is null || lockoutEnd <= now);
}

public sealed record AccountFilter : IListFilter<AccountFilter>
{
    /// <summary>Part of a name or a login name.</summary>
    public string? Search { get; init; }

    public UserRole? Role { get; init; }

    public int? UnitId { get; init; }

    public Dictionary<string, string?> ToQuery() => new()
    {
        ["q"] = QueryValues.Of(Search),
        ["role"] = Role?.ToString(),
        ["unit"] = QueryValues.Of(UnitId),
    };

    public static AccountFilter FromQuery(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query)
    {
        var values = new QueryValues(query);
        return new AccountFilter { Search = values.Text("q"), Role = values.Enum<UserRole>("role"), UnitId = values.Number("unit") };
    }
}

public sealed record AccountListItem(
    int Id,
    string UserName,
    string DisplayName,
    UserRole Role,
    string? UnitName,
    string? GroupName,
    bool IsDisabled,
    DateTimeOffset? LockedUntil,
    bool MustChangePassword,
    DateTime? LastSignInAt)
{
    public bool IsLocked => LockedUntil is not null;

    /// <summary>Locked by an administrator rather than for a while after failed sign-ins.</summary>
    public bool IsLockedIndefinitely => LockedUntil >= AccountAdmin.LockedByAdministrator;
}

/// <summary>What the create and edit form holds. The login name is only taken when creating.</summary>
public sealed class AccountForm
{
    public string UserName { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public UserRole? Role { get; set; }

    public int? UnitId { get; set; }

    public int? GroupId { get; set; }

    /// <summary>The account's version when the form was loaded.</summary>
    public long Version { get; set; }
}

/// <summary>A password to be handed on once; it is not stored anywhere in readable form.</summary>
public sealed record IssuedPassword(int AccountId, string UserName, string DisplayName, string Password);
