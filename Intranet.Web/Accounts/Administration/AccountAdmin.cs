using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Register;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Accounts.Administration;

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

    /// <summary>Makes the account with a generated password, to be changed at first sign-in; the password is in the result, once.</summary>
    public async Task<CommandResult<IssuedPassword>> CreateAsync(AccountForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("新建账户"))
        {
            return CommandResult.Refused(AdminMessages.NotAllowed).As<IssuedPassword>();
        }

        var errors = await ValidateAsync(form, creating: true, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors).As<IssuedPassword>();
        }

        var user = new AppUser
        {
            UserName = form.UserName.Trim(),
            NormalizedUserName = string.Empty,
            DisplayName = form.DisplayName.Trim(),
            Email = CleanEmail(form.Email),
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
                return CommandResult.Invalid(nameof(AccountForm.UserName), userManager.ErrorDescriber.DuplicateUserName(user.UserName).Description).As<IssuedPassword>();
            }

            throw;
        }

        return result.Succeeded
            ? CommandResult.Ok(new IssuedPassword(user.Id, user.UserName, user.DisplayName, password))
            : Refused(result).As<IssuedPassword>();
    }

    /// <summary>Saves the form over the account, if nobody changed the account since the form was loaded.</summary>
    public async Task<CommandResult> UpdateAsync(int id, AccountForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await AllowedAsync("修改账户"))
        {
            return CommandResult.Refused(AdminMessages.NotAllowed);
        }

        var user = await userManager.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (user is null)
        {
            return CommandResult.Missing(AdminMessages.AccountMissing);
        }

        if (user.Version != form.Version)
        {
            return CommandResult.Changed(AdminMessages.AccountChanged);
        }

        var errors = await ValidateAsync(form, creating: false, cancellationToken);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors);
        }

        var role = form.Role!.Value;
        if (user.Role == UserRole.Administrator && role != UserRole.Administrator)
        {
            if (IsOwn(user))
            {
                return CommandResult.Refused("不能取消您自己的系统管理员角色。");
            }

            if (await IsLastActiveAdministratorAsync(user, cancellationToken))
            {
                return CommandResult.Refused("这是最后一个可用的系统管理员账户，不能改为其他角色。");
            }
        }

        // The cookie carries role, unit and group; a new stamp ends the sessions that still carry the old ones.
        var rightsChanged = user.Role != role || user.UnitId != form.UnitId || user.GroupId != form.GroupId;
        user.DisplayName = form.DisplayName.Trim();
        user.Email = CleanEmail(form.Email);
        user.Role = role;
        user.UnitId = form.UnitId;
        user.GroupId = form.GroupId;
        var result = rightsChanged ? await userManager.UpdateSecurityStampAsync(user) : await userManager.UpdateAsync(user);
        return ToResult(result);
    }

    /// <summary>A new temporary password in place of the old one; open sessions end and the password must be changed.</summary>
    public async Task<CommandResult<IssuedPassword>> ResetPasswordAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync("重置密码"))
        {
            return CommandResult.Refused(AdminMessages.NotAllowed).As<IssuedPassword>();
        }

        var user = await userManager.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (user is null)
        {
            return CommandResult.Missing(AdminMessages.AccountMissing).As<IssuedPassword>();
        }

        if (IsOwn(user))
        {
            return CommandResult.Refused("请通过“修改密码”修改您自己的密码。").As<IssuedPassword>();
        }

        var password = TemporaryPassword.New();
        foreach (var validator in userManager.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(userManager, user, password);
            if (!valid.Succeeded)
            {
                return Refused(valid).As<IssuedPassword>();
            }
        }

        // Hash, must-change mark and new stamp in one save, so the account is never left without a password
        // (Remove- then AddPasswordAsync would save twice).
        user.ReplacePasswordHash(userManager.PasswordHasher.HashPassword(user, password));
        user.MustChangePassword = true;
        var result = await userManager.UpdateSecurityStampAsync(user);
        return result.Succeeded
            ? CommandResult.Ok(new IssuedPassword(user.Id, user.UserName, user.DisplayName, password))
            : Refused(result).As<IssuedPassword>();
    }

    /// <summary>Locks the account until an administrator unlocks it, and ends its open sessions.</summary>
    public Task<CommandResult> LockAsync(int id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "锁定账户", "锁定", endSessions: true, user => user.LockoutEnd = LockedByAdministrator, cancellationToken);

    /// <summary>Lifts an administrator's lock or one from too many failed sign-ins.</summary>
    public Task<CommandResult> UnlockAsync(int id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "解锁账户", refusing: null, endSessions: false, user =>
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }, cancellationToken);

    public Task<CommandResult> DisableAsync(int id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "停用账户", "停用", endSessions: true, user => user.IsDisabled = true, cancellationToken);

    public Task<CommandResult> EnableAsync(int id, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, "启用账户", refusing: null, endSessions: false, user => user.IsDisabled = false, cancellationToken);

    private async Task<CommandResult> ChangeAsync(
        int id, string action, string? refusing, bool endSessions, Action<AppUser> change, CancellationToken cancellationToken)
    {
        if (!await AllowedAsync(action))
        {
            return CommandResult.Refused(AdminMessages.NotAllowed);
        }

        // Row actions act on the account as it is now: nothing typed on a form can go stale.
        var user = await userManager.FindByIdAsync(id.ToString(CultureInfo.InvariantCulture));
        if (user is null)
        {
            return CommandResult.Missing(AdminMessages.AccountMissing);
        }

        if (refusing is not null)
        {
            if (IsOwn(user))
            {
                return CommandResult.Refused($"不能{refusing}您自己的账户。");
            }

            if (await IsLastActiveAdministratorAsync(user, cancellationToken))
            {
                return CommandResult.Refused($"这是最后一个可用的系统管理员账户，不能{refusing}。");
            }
        }

        change(user);
        var result = endSessions ? await userManager.UpdateSecurityStampAsync(user) : await userManager.UpdateAsync(user);
        return ToResult(result);
    }

    private async Task<List<FieldError>> ValidateAsync(AccountForm form, bool creating, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (creating)
        {
            var userName = form.UserName?.Trim();
            if (string.IsNullOrEmpty(userName))
            {
                errors.Add(new(nameof(AccountForm.UserName), "请输入登录名。"));
            }
            else if (userName.Length > 64)
            {
                errors.Add(new(nameof(AccountForm.UserName), "登录名不能超过 64 个字符。"));
            }
        }

        var displayName = form.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName))
        {
            errors.Add(new(nameof(AccountForm.DisplayName), "请输入姓名。"));
        }
        else if (displayName.Length > 50)
        {
            errors.Add(new(nameof(AccountForm.DisplayName), "姓名不能超过 50 个字。"));
        }

        if (CleanEmail(form.Email) is { } email
            && (email.Length > AppUser.EmailMaxLength || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors.Add(new(nameof(AccountForm.Email), "电子邮箱格式不正确，例如 zhangsan@example.cn。"));
        }

        if (form.Role is not { } role || !Enum.IsDefined(role))
        {
            errors.Add(new(nameof(AccountForm.Role), "请选择角色。"));
            return errors;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (AccountRules.NeedsUnit(role))
        {
            if (form.UnitId is not { } unitId)
            {
                errors.Add(new(nameof(AccountForm.UnitId), $"{role.Label()}必须选择所属单位。"));
            }
            else if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
            {
                errors.Add(new(nameof(AccountForm.UnitId), AdminMessages.UnitMissing));
            }
        }
        else if (form.UnitId is not null)
        {
            errors.Add(new(nameof(AccountForm.UnitId), $"{role.Label()}不属于某个单位，请清空“单位”。"));
        }

        if (AccountRules.NeedsGroup(role))
        {
            if (form.GroupId is not { } groupId)
            {
                errors.Add(new(nameof(AccountForm.GroupId), "退休小组长必须选择所带的退休小组。"));
            }
            else if (form.UnitId is { } unitId
                && !await db.RetireeGroups.AnyAsync(g => g.Id == groupId && g.UnitId == unitId, cancellationToken))
            {
                errors.Add(new(nameof(AccountForm.GroupId), "所选退休小组不属于所选单位。"));
            }
        }
        else if (form.GroupId is not null)
        {
            errors.Add(new(nameof(AccountForm.GroupId), $"{role.Label()}不带退休小组，请清空“退休小组”。"));
        }

        return errors;
    }

    /// <summary>The signed-in administrator may not lock, disable or demote their own account.</summary>
    private bool IsOwn(AppUser user) => currentUser.Principal.UserId() == user.Id;

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

    private static CommandResult ToResult(IdentityResult result) => result.Succeeded ? CommandResult.Ok() : Refused(result);

    private static CommandResult Refused(IdentityResult result) => CommandResult.Refused(string.Join(" ", result.Errors.Select(e => e.Description)));

    private Task<bool> AllowedAsync(string action) => gate.AllowedAsync(nameof(AppUser), $"账户管理：{action}");


    private static string? CleanEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim();
}
