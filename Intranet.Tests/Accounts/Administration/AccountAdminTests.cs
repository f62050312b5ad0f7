using System.Net;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Intranet.Tests.Support;
using Intranet.Web.Accounts;
using Intranet.Web.Accounts.Administration;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Register;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Accounts.Administration;

public sealed class AccountAdminTests : IAsyncLifetime, IDisposable
{
    private readonly IntranetAppFactory _app = new();
    private TestAccount _admin = null!;

    public async Task InitializeAsync() => _admin = await _app.CreateAccountAsync(UserRole.Administrator, displayName: "管理员甲");

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_new_account_gets_a_readable_one_time_password_and_must_change_it_at_first_sign_in()
    {
        var unit = MakeUnit();
        IssuedPassword issued;
        await using (var scope = await _app.ScopeForAsync(_admin))
        {
            var result = await Admin(scope).CreateAsync(new AccountForm { UserName = " wangli ", DisplayName = "王丽", Role = UserRole.UnitOfficer, UnitId = unit.Id });
            Assert.True(result.Succeeded, string.Join(" ", result.Errors));
            issued = result.Value!;
        }

        Assert.Equal("wangli", issued.UserName);
        Assert.Matches("^[A-HJ-NP-Za-km-z2-9]{4}-[A-HJ-NP-Za-km-z2-9]{4}-[A-HJ-NP-Za-km-z2-9]{4}$", issued.Password);
        var stored = await _app.StoredUserAsync(issued.AccountId);
        Assert.True(stored.MustChangePassword);
        Assert.Equal(unit.Id, stored.UnitId);
        Assert.DoesNotContain(issued.Password, stored.PasswordHash, StringComparison.Ordinal);

        using var client = NewClient();
        var response = await TestAccounts.PostLoginAsync(client, "wangli", issued.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AccountsExtensions.ChangePasswordPath, PathOf(response));

        // Until the password is changed, the rest of the app sends the person back there.
        var register = await client.GetAsync(new Uri("/register", UriKind.Relative));
        Assert.Equal(AccountsExtensions.ChangePasswordPath, PathOf(register));
    }

    [Fact]
    public async Task Unit_and_group_must_fit_the_role()
    {
        var unit = MakeUnit();
        var other = MakeUnit();
        var otherGroup = MakeGroup(other);
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);

        var noUnit = await admin.CreateAsync(new AccountForm { UserName = "nounit", DisplayName = "甲", Role = UserRole.UnitOfficer });
        Assert.Contains("单位退管干部必须选择所属单位。", noUnit.Errors);

        var staffWithUnit = await admin.CreateAsync(new AccountForm { UserName = "staffunit", DisplayName = "乙", Role = UserRole.DistrictStaff, UnitId = unit.Id });
        Assert.Contains("区退管会工作人员不属于某个单位，请清空“单位”。", staffWithUnit.Errors);

        var leaderWithoutGroup = await admin.CreateAsync(new AccountForm { UserName = "nogroup", DisplayName = "丙", Role = UserRole.GroupLeader, UnitId = unit.Id });
        Assert.Contains("退休小组长必须选择所带的退休小组。", leaderWithoutGroup.Errors);

        var wrongGroup = await admin.CreateAsync(new AccountForm
        {
            UserName = "wronggroup", DisplayName = "丁", Role = UserRole.GroupLeader, UnitId = unit.Id, GroupId = otherGroup.Id,
        });
        Assert.Contains("所选退休小组不属于所选单位。", wrongGroup.Errors);

        var officerWithGroup = await admin.CreateAsync(new AccountForm
        {
            UserName = "officergroup", DisplayName = "戊", Role = UserRole.UnitOfficer, UnitId = other.Id, GroupId = otherGroup.Id,
        });
        Assert.Contains("单位退管干部不带退休小组，请清空“退休小组”。", officerWithGroup.Errors);

        var blank = await admin.CreateAsync(new AccountForm());
        Assert.Equal(CommandOutcome.Invalid, blank.Outcome);
        Assert.Equal(
            [("UserName", "请输入登录名。"), ("DisplayName", "请输入姓名。"), ("Role", "请选择角色。")],
            blank.FieldErrors.Select(e => (e.Field, e.Message)));

        await using var db = _app.Db();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task An_email_address_for_the_reminder_digest_is_optional_checked_and_kept()
    {
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);
        foreach (var wrong in new[] { "zhangsan", "zhang san@example.cn", "zhangsan@", "张三 <zs@example.cn>" })
        {
            var refused = await admin.CreateAsync(new AccountForm { UserName = "mailer", DisplayName = "张三", Role = UserRole.DistrictStaff, Email = wrong });
            Assert.Equal(("Email", "电子邮箱格式不正确，例如 zhangsan@example.cn。"), (refused.FieldErrors.Single().Field, refused.FieldErrors.Single().Message));
        }

        var created = await admin.CreateAsync(new AccountForm { UserName = "mailer", DisplayName = "张三", Role = UserRole.DistrictStaff, Email = " zs@example.cn " });
        Assert.True(created.Succeeded);
        var form = (await Queries(scope).GetAsync(created.Value!.AccountId))!;
        Assert.Equal("zs@example.cn", form.Email);

        form.Email = " ";
        Assert.True((await admin.UpdateAsync(created.Value.AccountId, form)).Succeeded);
        Assert.Null((await Queries(scope).GetAsync(created.Value.AccountId))!.Email);
    }

    [Fact]
    public async Task A_login_name_is_used_once_whatever_its_letter_case()
    {
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);
        Assert.True((await admin.CreateAsync(Staff("Zhangsan", "张三"))).Succeeded);

        var again = await admin.CreateAsync(Staff("zhangsan", "另一个张三"));

        Assert.False(again.Succeeded);
        Assert.Equal(["登录名“zhangsan”已被使用。"], again.Errors);
    }

    [Fact]
    public async Task A_double_clicked_create_makes_one_account_and_says_the_name_is_taken()
    {
        // Two saves of the same form in flight at once, each in its own scope as two clicks' handlers would be.
        async Task<CommandResult<IssuedPassword>> CreateAsync()
        {
            await using var scope = await _app.ScopeForAsync(_admin);
            return await Admin(scope).CreateAsync(Staff("double", "双击"));
        }

        var results = await Task.WhenAll(CreateAsync(), CreateAsync());

        Assert.Single(results, r => r.Succeeded);
        var refused = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(["登录名“double”已被使用。"], refused.Errors);
        await using var db = _app.Db();
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == "double"));
    }

    [Fact]
    public async Task Resetting_a_password_ends_the_old_one_and_asks_for_a_new_one()
    {
        var staff = await _app.CreateAccountAsync(UserRole.DistrictStaff);
        var before = await _app.StoredUserAsync(staff.Id);

        IssuedPassword issued;
        await using (var scope = await _app.ScopeForAsync(_admin))
        {
            var result = await Admin(scope).ResetPasswordAsync(staff.Id);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors));
            issued = result.Value!;
        }

        var after = await _app.StoredUserAsync(staff.Id);
        Assert.True(after.MustChangePassword);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);

        using var client = NewClient();
        var old = await TestAccounts.PostLoginAsync(client, staff.UserName, staff.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Contains("登录名或密码不正确。", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var fresh = await TestAccounts.PostLoginAsync(client, staff.UserName, issued.Password);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal(AccountsExtensions.ChangePasswordPath, PathOf(fresh));
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_until_it_is_unlocked()
    {
        var staff = await _app.CreateAccountAsync(UserRole.DistrictStaff);
        await using (var scope = await _app.ScopeForAsync(_admin))
        {
            Assert.True((await Admin(scope).LockAsync(staff.Id)).Succeeded);
            var listed = await Queries(scope).ListAsync(new AccountFilter { Search = staff.UserName }, new PageRequest(0, 20));
            var row = Assert.Single(listed.Items);
            Assert.True(row.IsLockedIndefinitely);
        }

        using (var client = NewClient())
        {
            var refused = await TestAccounts.PostLoginAsync(client, staff.UserName, staff.Password);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("该账户已被系统管理员锁定", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using (var scope = await _app.ScopeForAsync(_admin))
        {
            Assert.True((await Admin(scope).UnlockAsync(staff.Id)).Succeeded);
        }

        var unlocked = await _app.StoredUserAsync(staff.Id);
        Assert.Null(unlocked.LockoutEnd);
        Assert.Equal(0, unlocked.AccessFailedCount);
        using var again = await _app.SignedInClientAsync(staff);
    }

    [Fact]
    public async Task Unlocking_lifts_a_lock_from_failed_sign_ins_too()
    {
        var staff = await _app.CreateAccountAsync(UserRole.DistrictStaff);
        using (var client = NewClient())
        {
            for (var i = 0; i < 5; i++)
            {
                await TestAccounts.PostLoginAsync(client, staff.UserName, "wrong-password-123");
            }
        }

        await using (var scope = await _app.ScopeForAsync(_admin))
        {
            var row = Assert.Single((await Queries(scope).ListAsync(new AccountFilter { Search = staff.UserName }, new PageRequest(0, 20))).Items);
            Assert.True(row.IsLocked);
            Assert.False(row.IsLockedIndefinitely);
            Assert.True((await Admin(scope).UnlockAsync(staff.Id)).Succeeded);
        }

        using var signedIn = await _app.SignedInClientAsync(staff);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_until_it_is_enabled()
    {
        var officer = await _app.CreateAccountAsync(UserRole.UnitOfficer, unitId: MakeUnit().Id);
        var stamp = (await _app.StoredUserAsync(officer.Id)).SecurityStamp;
        await using (var scope = await _app.ScopeForAsync(_admin))
        {
            Assert.True((await Admin(scope).DisableAsync(officer.Id)).Succeeded);
        }

        Assert.NotEqual(stamp, (await _app.StoredUserAsync(officer.Id)).SecurityStamp);
        using (var client = NewClient())
        {
            var refused = await TestAccounts.PostLoginAsync(client, officer.UserName, officer.Password);
            Assert.Contains("该账户已停用", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using (var scope = await _app.ScopeForAsync(_admin))
        {
            Assert.True((await Admin(scope).EnableAsync(officer.Id)).Succeeded);
        }

        using var again = await _app.SignedInClientAsync(officer);
    }

    [Fact]
    public async Task An_administrator_cannot_lock_disable_demote_or_reset_their_own_account()
    {
        var other = await _app.CreateAccountAsync(UserRole.Administrator);
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);
        var form = await Queries(scope).GetAsync(_admin.Id);
        form!.Role = UserRole.DistrictStaff;

        Assert.Equal(["不能锁定您自己的账户。"], (await admin.LockAsync(_admin.Id)).Errors);
        Assert.Equal(["不能停用您自己的账户。"], (await admin.DisableAsync(_admin.Id)).Errors);
        Assert.Equal(["不能取消您自己的系统管理员角色。"], (await admin.UpdateAsync(_admin.Id, form)).Errors);
        Assert.Equal(["请通过“修改密码”修改您自己的密码。"], (await admin.ResetPasswordAsync(_admin.Id)).Errors);

        var stored = await _app.StoredUserAsync(_admin.Id);
        Assert.Equal(UserRole.Administrator, stored.Role);
        Assert.False(stored.IsDisabled);
        Assert.Null(stored.LockoutEnd);

        // Another administrator's account is fair game.
        Assert.True((await admin.LockAsync(other.Id)).Succeeded);
    }

    [Fact]
    public async Task The_last_usable_administrator_cannot_be_taken_away()
    {
        // 乙 demotes 甲; 甲's open page still acts as an administrator and tries to remove 乙, the last one left.
        var second = await _app.CreateAccountAsync(UserRole.Administrator, displayName: "管理员乙");
        await using var stale = await _app.ScopeForAsync(_admin);
        await using (var scope = await _app.ScopeForAsync(second))
        {
            var demote = await Queries(scope).GetAsync(_admin.Id);
            demote!.Role = UserRole.DistrictStaff;
            Assert.True((await Admin(scope).UpdateAsync(_admin.Id, demote)).Succeeded);
        }

        var admin = Admin(stale);
        Assert.Equal(["这是最后一个可用的系统管理员账户，不能停用。"], (await admin.DisableAsync(second.Id)).Errors);
        Assert.Equal(["这是最后一个可用的系统管理员账户，不能锁定。"], (await admin.LockAsync(second.Id)).Errors);
        var form = await Queries(stale).GetAsync(second.Id);
        form!.Role = UserRole.Leadership;
        Assert.Equal(["这是最后一个可用的系统管理员账户，不能改为其他角色。"], (await admin.UpdateAsync(second.Id, form)).Errors);

        // A disabled administrator does not count as one left.
        var third = await _app.CreateAccountAsync(UserRole.Administrator);
        await using (var scope = await _app.ScopeForAsync(second))
        {
            Assert.True((await Admin(scope).DisableAsync(third.Id)).Succeeded);
        }

        Assert.False((await admin.DisableAsync(second.Id)).Succeeded);
    }

    [Fact]
    public async Task Someone_who_is_not_an_administrator_is_refused_and_the_attempt_is_logged()
    {
        var staff = await _app.CreateAccountAsync(UserRole.DistrictStaff);
        var target = await _app.CreateAccountAsync(UserRole.Leadership);
        await using var scope = await _app.ScopeForAsync(staff);
        var admin = Admin(scope);

        Assert.Equal([AdminMessages.NotAllowed], (await admin.CreateAsync(Staff("sneaky", "越权"))).Errors);
        Assert.Equal([AdminMessages.NotAllowed], (await admin.ResetPasswordAsync(target.Id)).Errors);
        Assert.Equal([AdminMessages.NotAllowed], (await admin.LockAsync(target.Id)).Errors);
        Assert.Equal([AdminMessages.NotAllowed], (await admin.DisableAsync(target.Id)).Errors);
        var form = new AccountForm { DisplayName = "改名", Role = UserRole.Administrator, Version = (await _app.StoredUserAsync(staff.Id)).Version };
        Assert.Equal([AdminMessages.NotAllowed], (await admin.UpdateAsync(staff.Id, form)).Errors);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Queries(scope).ListAsync(new AccountFilter(), new PageRequest(0, 20)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Queries(scope).GetAsync(target.Id));

        Assert.Equal(UserRole.DistrictStaff, (await _app.StoredUserAsync(staff.Id)).Role);
        Assert.False((await _app.StoredUserAsync(target.Id)).IsDisabled);
        await using var db = _app.Db();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "sneaky"));
        var denied = await db.AuditEntries.Where(a => a.Action == AuditAction.AccessDenied && a.UserName == staff.UserName).ToListAsync();
        Assert.Equal(7, denied.Count);
        Assert.Contains(denied, a => a.Details == "账户管理：锁定账户");
    }

    [Fact]
    public async Task Every_change_is_audited_with_old_and_new_values_and_never_the_password_hash()
    {
        var unit = MakeUnit();
        int id;
        await using (var scope = await _app.ScopeForAsync(_admin))
        {
            var admin = Admin(scope);
            var created = await admin.CreateAsync(new AccountForm { UserName = "liuyang", DisplayName = "刘洋", Role = UserRole.UnitOfficer, UnitId = unit.Id });
            id = created.Value!.AccountId;

            var form = await Queries(scope).GetAsync(id);
            form!.Role = UserRole.DistrictStaff;
            form.UnitId = null;
            Assert.True((await admin.UpdateAsync(id, form)).Succeeded);
            Assert.True((await admin.ResetPasswordAsync(id)).Succeeded);
            Assert.True((await admin.LockAsync(id)).Succeeded);
            Assert.True((await admin.UnlockAsync(id)).Succeeded);
            Assert.True((await admin.DisableAsync(id)).Succeeded);
            Assert.True((await admin.EnableAsync(id)).Succeeded);
        }

        var stored = await _app.StoredUserAsync(id);
        var trail = await _app.AuditOfAsync(nameof(AppUser), id);
        Assert.All(trail, a => Assert.Equal(_admin.UserName, a.UserName));
        Assert.All(trail, a => Assert.Equal("刘洋", a.Subject));
        Assert.Equal([AuditAction.Create, .. Enumerable.Repeat(AuditAction.Update, 6)], trail.Select(a => a.Action));

        var create = trail[0].Changes();
        Assert.Contains(new FieldChange("Role", null, "UnitOfficer"), create);
        Assert.Contains(new FieldChange("PasswordHash", null, "******"), create);

        var roleChange = trail[1].Changes();
        Assert.Contains(new FieldChange("Role", "UnitOfficer", "DistrictStaff"), roleChange);
        Assert.Contains(new FieldChange("UnitId", unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null), roleChange);

        Assert.Contains(new FieldChange("PasswordHash", "******", "******"), trail[2].Changes());
        Assert.Contains(trail[3].Changes(), c => c is { Field: "LockoutEnd", Old: null, New: "9999-12-31 00:00:00+00:00" });
        Assert.Contains(trail[4].Changes(), c => c is { Field: "LockoutEnd", New: null });
        Assert.Contains(new FieldChange("IsDisabled", "false", "true"), trail[5].Changes());
        Assert.Contains(new FieldChange("IsDisabled", "true", "false"), trail[6].Changes());

        await using var db = _app.Db();
        var everything = await db.AuditEntries.Select(a => a.Changes + a.Details).ToListAsync();
        Assert.DoesNotContain(everything, text => text != null && text.Contains(stored.PasswordHash!, StringComparison.Ordinal));
        Assert.DoesNotContain(everything, text => text != null && text.Contains("AQAAAA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_saved_over_a_newer_change_is_refused()
    {
        var leader = await _app.CreateAccountAsync(UserRole.Leadership, displayName: "原名");
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);
        var first = await Queries(scope).GetAsync(leader.Id);
        var second = await Queries(scope).GetAsync(leader.Id);

        first!.DisplayName = "甲改的名";
        Assert.True((await admin.UpdateAsync(leader.Id, first)).Succeeded);
        second!.DisplayName = "乙改的名";
        var stale = await admin.UpdateAsync(leader.Id, second);

        Assert.Equal(["该账户已被他人修改，请刷新后重试。"], stale.Errors);
        Assert.Equal("甲改的名", (await _app.StoredUserAsync(leader.Id)).DisplayName);
    }

    [Fact]
    public async Task A_change_of_role_or_unit_ends_open_sessions_but_a_new_name_does_not()
    {
        var unit = MakeUnit();
        var officer = await _app.CreateAccountAsync(UserRole.UnitOfficer, unitId: unit.Id);
        var stamp = (await _app.StoredUserAsync(officer.Id)).SecurityStamp;
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);

        var rename = await Queries(scope).GetAsync(officer.Id);
        rename!.DisplayName = "新名字";
        Assert.True((await admin.UpdateAsync(officer.Id, rename)).Succeeded);
        Assert.Equal(stamp, (await _app.StoredUserAsync(officer.Id)).SecurityStamp);

        var move = await Queries(scope).GetAsync(officer.Id);
        move!.UnitId = MakeUnit().Id;
        Assert.True((await admin.UpdateAsync(officer.Id, move)).Succeeded);
        Assert.NotEqual(stamp, (await _app.StoredUserAsync(officer.Id)).SecurityStamp);
    }

    [Fact]
    public async Task The_list_searches_and_filters_and_shows_each_state()
    {
        var unit = MakeUnit();
        var group = MakeGroup(unit);
        var officer = await _app.CreateAccountAsync(UserRole.UnitOfficer, unitId: unit.Id, displayName: "周老师");
        var leader = await _app.CreateAccountAsync(UserRole.GroupLeader, unitId: unit.Id, groupId: group.Id, mustChangePassword: true, displayName: "吴组长");
        await _app.CreateAccountAsync(UserRole.DistrictStaff, displayName: "郑干事");
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);
        await admin.DisableAsync(officer.Id);

        var inUnit = await Queries(scope).ListAsync(new AccountFilter { UnitId = unit.Id }, new PageRequest(0, 20));
        Assert.Equal(["吴组长", "周老师"], inUnit.Items.Select(i => i.DisplayName).Order().ToList());
        var leaderRow = inUnit.Items.Single(i => i.Id == leader.Id);
        Assert.Equal(group.Name, leaderRow.GroupName);
        Assert.Equal(unit.Name, leaderRow.UnitName);

        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        Assert.Equal(["须改密码"], AdminFormat.Status(leaderRow, time).Select(s => s.Text));
        Assert.Equal(["已停用"], AdminFormat.Status(inUnit.Items.Single(i => i.Id == officer.Id), time).Select(s => s.Text));

        var byRole = await Queries(scope).ListAsync(new AccountFilter { Role = UserRole.DistrictStaff }, new PageRequest(0, 20));
        Assert.Equal(["郑干事"], byRole.Items.Select(i => i.DisplayName));
        var byLogin = await Queries(scope).ListAsync(new AccountFilter { Search = officer.UserName.ToUpperInvariant() }, new PageRequest(0, 20));
        Assert.Equal([officer.Id], byLogin.Items.Select(i => i.Id));
        var byName = await Queries(scope).ListAsync(new AccountFilter { Search = "组长" }, new PageRequest(0, 20));
        Assert.Equal([leader.Id], byName.Items.Select(i => i.Id));
    }

    [Fact]
    public void Temporary_passwords_are_long_readable_and_accepted_by_the_password_rules()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => TemporaryPassword.New()).ToList();

        Assert.Equal(200, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.Equal(14, p.Length);
            Assert.DoesNotContain(p, c => "0O1lIo".Contains(c, StringComparison.Ordinal));
            Assert.Contains(p, char.IsAsciiDigit);
            Assert.True(p.Distinct().Count() >= 5);
        });
    }

    private static AccountAdmin Admin(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AccountAdmin>();

    private static AccountQueries Queries(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AccountQueries>();

    private static AccountForm Staff(string userName, string displayName) =>
        new() { UserName = userName, DisplayName = displayName, Role = UserRole.DistrictStaff };

    private static string PathOf(HttpResponseMessage redirect) => new Uri(new Uri("http://localhost/"), redirect.Headers.Location!).AbsolutePath;

    private HttpClient NewClient() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private Unit MakeUnit()
    {
        using var db = _app.Db();
        return new RegisterBuilder(db).Unit();
    }

    private RetireeGroup MakeGroup(Unit unit)
    {
        using var db = _app.Db();
        return new RegisterBuilder(db).Group(unit);
    }
}
