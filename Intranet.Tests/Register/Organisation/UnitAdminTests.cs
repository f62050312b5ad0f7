using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Intranet.Tests.Support;
using Intranet.Tests.Accounts.Administration;
using Intranet.Web.Accounts.Administration;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Register;
using Intranet.Web.Register.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Register.Organisation;

public sealed class UnitAdminTests : IAsyncLifetime, IDisposable
{
    private readonly IntranetAppFactory _app = new();
    private TestAccount _admin = null!;

    public async Task InitializeAsync() => _admin = await _app.CreateAccountAsync(UserRole.Administrator);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_unit_is_created_and_edited_and_both_are_audited()
    {
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);

        var created = await admin.CreateAsync(new UnitForm
        {
            Name = " 金沙小学 ", Kind = UnitKind.School, SortOrder = 30, OfficerName = "何老师", OfficerPhone = "028-87654321",
        });
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        var id = created.Value;

        var form = await admin.GetAsync(id);
        Assert.Equal("金沙小学", form!.Name);
        form.Kind = UnitKind.Kindergarten;
        form.OfficerPhone = " ";
        form.IsActive = false;
        Assert.True((await admin.UpdateAsync(id, form)).Succeeded);

        var listed = Assert.Single((await admin.ListAsync("金沙", new PageRequest(0, 20))).Items);
        Assert.Equal(new UnitListItem(id, "金沙小学", UnitKind.Kindergarten, 30, "何老师", null, false, 0, 0), listed);

        var trail = await _app.AuditOfAsync(nameof(Unit), id);
        Assert.Equal([AuditAction.Create, AuditAction.Update], trail.Select(a => a.Action).ToArray());
        Assert.All(trail, a => Assert.Equal(_admin.UserName, a.UserName));
        var update = trail[1].Changes();
        Assert.Contains(new FieldChange("Kind", "School", "Kindergarten"), update);
        Assert.Contains(new FieldChange("OfficerPhone", "028-87654321", null), update);
        Assert.Contains(new FieldChange("IsActive", "true", "false"), update);
    }

    [Fact]
    public async Task Unit_names_are_unique()
    {
        var existing = MakeUnit("杜甫草堂小学");
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);

        var duplicate = await admin.CreateAsync(new UnitForm { Name = "杜甫草堂小学 ", Kind = UnitKind.School });
        Assert.Equal(["已有名为“杜甫草堂小学”的单位，单位名称不能重复。"], duplicate.Errors);

        var other = await admin.CreateAsync(new UnitForm { Name = "浣花小学", Kind = UnitKind.School });
        var rename = await admin.GetAsync(other.Value);
        rename!.Name = existing.Name;
        Assert.Equal(["已有名为“杜甫草堂小学”的单位，单位名称不能重复。"], (await admin.UpdateAsync(other.Value, rename)).Errors);

        // Saving a unit under its own name is no clash.
        var same = await admin.GetAsync(existing.Id);
        same!.SortOrder = 5;
        Assert.True((await admin.UpdateAsync(existing.Id, same)).Succeeded);

        var blank = await admin.CreateAsync(new UnitForm { Name = "  ", Kind = null, OfficerPhone = "请打电话" });
        Assert.Equal(["请输入单位名称。", "请选择单位类型。", "退管干部电话只能填数字（可带区号和“-”），不超过 30 个字符。"], blank.Errors);
    }

    [Fact]
    public async Task A_unit_with_retirees_or_accounts_is_not_deleted()
    {
        var withRetirees = MakeUnit();
        await using (var db = _app.Db())
        {
            new RegisterBuilder(db).Retiree(withRetirees, "已故老人", configure: r => r.IsDeceased = true);
        }

        var withAccount = MakeUnit();
        await _app.CreateAccountAsync(UserRole.UnitOfficer, unitId: withAccount.Id);

        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);

        var refused = await admin.DeleteAsync(withRetirees.Id, (await admin.GetAsync(withRetirees.Id))!.Version);
        Assert.Equal([$"“{withRetirees.Name}”还有 1 名退休教工的记录（含已故），不能删除。请先把他们转到其他单位。"], refused.Errors);

        var refusedToo = await admin.DeleteAsync(withAccount.Id, (await admin.GetAsync(withAccount.Id))!.Version);
        Assert.Equal([$"“{withAccount.Name}”还有 1 个账户（单位退管干部或退休小组长），不能删除。请先把这些账户改到其他单位。"], refusedToo.Errors);

        await using var check = _app.Db();
        Assert.Equal(2, await check.Units.CountAsync(u => u.Id == withRetirees.Id || u.Id == withAccount.Id));
    }

    [Fact]
    public async Task An_empty_unit_is_deleted_with_its_groups_and_the_deletion_is_audited()
    {
        var unit = MakeUnit();
        var group = MakeGroup(unit);
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);

        var result = await admin.DeleteAsync(unit.Id, (await admin.GetAsync(unit.Id))!.Version);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        await using var db = _app.Db();
        Assert.False(await db.Units.AnyAsync(u => u.Id == unit.Id));
        Assert.False(await db.RetireeGroups.AnyAsync(g => g.Id == group.Id));
        Assert.Contains(await _app.AuditOfAsync(nameof(Unit), unit.Id), a => a.Action == AuditAction.Delete && a.UserName == _admin.UserName);
        Assert.Contains(await _app.AuditOfAsync(nameof(RetireeGroup), group.Id), a => a.Action == AuditAction.Delete);
    }

    [Fact]
    public async Task Of_two_edits_of_the_same_version_the_second_is_refused()
    {
        var unit = MakeUnit();
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);
        var first = await admin.GetAsync(unit.Id);
        var second = await admin.GetAsync(unit.Id);

        first!.OfficerName = "甲填的干部";
        Assert.True((await admin.UpdateAsync(unit.Id, first)).Succeeded);
        second!.OfficerName = "乙填的干部";
        var stale = await admin.UpdateAsync(unit.Id, second);

        Assert.Equal(["该单位已被他人修改，请刷新后重试。"], stale.Errors);
        Assert.Equal("甲填的干部", (await admin.GetAsync(unit.Id))!.OfficerName);

        // Deleting from a stale page is refused the same way.
        Assert.Equal(["该单位已被他人修改，请刷新后重试。"], (await admin.DeleteAsync(unit.Id, second.Version)).Errors);
    }

    [Fact]
    public async Task Groups_have_unique_names_within_a_unit_and_a_living_leader_from_it()
    {
        var unit = MakeUnit();
        var other = MakeUnit();
        Retiree alive, deceased, elsewhere;
        await using (var db = _app.Db())
        {
            var make = new RegisterBuilder(db);
            alive = make.Retiree(unit, "林组长");
            deceased = make.Retiree(unit, "故去的人", configure: r => r.IsDeceased = true);
            elsewhere = make.Retiree(other, "别单位的人");
        }

        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);

        var created = await Groups(scope).CreateGroupAsync(unit.Id, new GroupForm { Name = "第一小组", LeaderId = alive.Id });
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        Assert.True((await Groups(scope).CreateGroupAsync(other.Id, new GroupForm { Name = "第一小组" })).Succeeded);

        Assert.Equal(["本单位已有名为“第一小组”的小组，小组名称在单位内不能重复。"],
            (await Groups(scope).CreateGroupAsync(unit.Id, new GroupForm { Name = "第一小组" })).Errors);
        Assert.Equal(["组长须是本单位健在的退休教工。"],
            (await Groups(scope).CreateGroupAsync(unit.Id, new GroupForm { Name = "第二小组", LeaderId = deceased.Id })).Errors);
        Assert.Equal(["组长须是本单位健在的退休教工。"],
            (await Groups(scope).CreateGroupAsync(unit.Id, new GroupForm { Name = "第二小组", LeaderId = elsewhere.Id })).Errors);

        var leaders = await Groups(scope).LeaderChoicesAsync(unit.Id);
        Assert.Equal([alive.Id], leaders.Select(l => l.Id));

        var group = Assert.Single(await Groups(scope).GroupsAsync(unit.Id));
        Assert.Equal("林组长", group.LeaderName);
        var edit = new GroupForm { Name = "第一组", LeaderId = null, Version = group.Version };
        Assert.True((await Groups(scope).UpdateGroupAsync(group.Id, edit)).Succeeded);
        Assert.Equal(["该小组已被他人修改，请刷新后重试。"], (await Groups(scope).UpdateGroupAsync(group.Id, edit)).Errors);
        Assert.Null(Assert.Single(await Groups(scope).GroupsAsync(unit.Id)).LeaderName);
    }

    [Fact]
    public async Task A_group_with_members_or_a_leader_account_is_not_deleted()
    {
        var unit = MakeUnit();
        var withMember = MakeGroup(unit);
        var withAccount = MakeGroup(unit);
        var empty = MakeGroup(unit);
        await using (var db = _app.Db())
        {
            new RegisterBuilder(db).Retiree(unit, "组员", configure: r => r.GroupId = withMember.Id);
        }

        await _app.CreateAccountAsync(UserRole.GroupLeader, unitId: unit.Id, groupId: withAccount.Id);
        await using var scope = await _app.ScopeForAsync(_admin);
        var admin = Admin(scope);
        var groups = (await Groups(scope).GroupsAsync(unit.Id)).ToDictionary(g => g.Id);

        Assert.Equal([$"“{withMember.Name}”还有 1 名退休教工（含已故），不能删除。请先把他们调到其他小组。"],
            (await Groups(scope).DeleteGroupAsync(withMember.Id, groups[withMember.Id].Version)).Errors);
        Assert.Equal([$"“{withAccount.Name}”还有 1 个退休小组长账户，不能删除。请先修改这些账户。"],
            (await Groups(scope).DeleteGroupAsync(withAccount.Id, groups[withAccount.Id].Version)).Errors);
        Assert.True((await Groups(scope).DeleteGroupAsync(empty.Id, groups[empty.Id].Version)).Succeeded);

        Assert.Equal([withMember.Id, withAccount.Id], (await Groups(scope).GroupsAsync(unit.Id)).Select(g => g.Id).Order().ToArray());
    }

    [Fact]
    public async Task Someone_who_is_not_an_administrator_is_refused()
    {
        var unit = MakeUnit();
        var officer = await _app.CreateAccountAsync(UserRole.UnitOfficer, unitId: unit.Id);
        await using var scope = await _app.ScopeForAsync(officer);
        var admin = Admin(scope);
        var version = 1L;

        Assert.Equal([AdminMessages.NotAllowed], (await admin.CreateAsync(new UnitForm { Name = "越权单位", Kind = UnitKind.School })).Errors);
        Assert.Equal([AdminMessages.NotAllowed], (await admin.UpdateAsync(unit.Id, new UnitForm { Name = "改名", Kind = UnitKind.School, Version = version })).Errors);
        Assert.Equal([AdminMessages.NotAllowed], (await admin.DeleteAsync(unit.Id, version)).Errors);
        Assert.Equal([AdminMessages.NotAllowed], (await Groups(scope).CreateGroupAsync(unit.Id, new GroupForm { Name = "越权小组" })).Errors);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.ListAsync(null, new PageRequest(0, 20)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Groups(scope).GroupsAsync(unit.Id));

        await using var db = _app.Db();
        Assert.Equal(unit.Name, (await db.Units.SingleAsync(u => u.Id == unit.Id)).Name);
        Assert.False(await db.Units.AnyAsync(u => u.Name == "越权单位"));
        Assert.False(await db.RetireeGroups.AnyAsync());
        Assert.Equal(6, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.AccessDenied && a.UserName == officer.UserName));
    }

    private static UnitAdmin Admin(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UnitAdmin>();

    private static GroupAdmin Groups(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<GroupAdmin>();

    private Unit MakeUnit(string? name = null)
    {
        using var db = _app.Db();
        return new RegisterBuilder(db).Unit(name);
    }

    private RetireeGroup MakeGroup(Unit unit)
    {
        using var db = _app.Db();
        return new RegisterBuilder(db).Group(unit);
    }
}
