using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Register;

public sealed class RegisterCommandsTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task An_edit_is_saved_and_its_history_has_each_changed_field_with_old_and_new_values()
    {
        var staff = _world[UserRole.DistrictStaff];
        await using var scope = await App.ScopeForAsync(staff);
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();
        var form = await FormForAsync(_world.InUnitB.Id);
        form.Phone = "13800009999";
        form.CareCategories = [CareCategories.LivingAlone, CareCategories.Hardship];

        var result = await commands.SaveAsync(form);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        using var db = App.Database.CreateContext();
        var saved = await db.Retirees.SingleAsync(r => r.Id == _world.InUnitB.Id);
        Assert.Equal("13800009999", saved.Phone);
        Assert.Equal(staff.UserName, saved.UpdatedBy);
        Assert.Equal(form.Version + 1, saved.Version);

        var line = await db.AuditEntries.SingleAsync(a => a.RetireeId == saved.Id && a.Action == AuditAction.Update);
        Assert.Equal(staff.UserName, line.UserName);
        Assert.Equal(nameof(Retiree), line.EntityType);
        var changes = AuditTrail.Deserialize(line.Changes);
        Assert.Contains(new FieldChange("Phone", "13955556666", "13800009999"), changes);
        Assert.Contains(new FieldChange("CareCategories", "None", "LivingAlone, Hardship"), changes);
        Assert.Equal(2, changes.Count);
    }

    [Fact]
    public async Task Creating_and_deleting_are_in_the_history_too()
    {
        var officer = _world[UserRole.UnitOfficer];
        await using var scope = await App.ScopeForAsync(officer);
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();

        var created = await commands.SaveAsync(new RetireeForm { Name = "新登记老师", IdNumber = "110105491231002", UnitId = _world.UnitA.Id });
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));

        using var db = App.Database.CreateContext();
        var retiree = await db.Retirees.AsNoTracking().SingleAsync(r => r.Id == created.Value);
        Assert.Equal("11010519491231002X", retiree.IdNumber);
        Assert.Equal(new DateOnly(1949, 12, 31), retiree.BirthDate);
        Assert.Equal(Gender.Female, retiree.Gender);

        var deleted = await commands.DeleteAsync(retiree.Id, retiree.Version);
        Assert.True(deleted.Succeeded, string.Join(" ", deleted.Errors));

        var lines = await db.AuditEntries.Where(a => a.RetireeId == retiree.Id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Create, AuditAction.Delete], lines.Select(l => l.Action));
        Assert.All(lines, l => Assert.Equal(officer.UserName, l.UserName));
        Assert.Contains(new FieldChange("Name", null, "新登记老师"), AuditTrail.Deserialize(lines[0].Changes));
        Assert.Contains(new FieldChange("Name", "新登记老师", null), AuditTrail.Deserialize(lines[1].Changes));
        Assert.False(await db.Retirees.AnyAsync(r => r.Id == retiree.Id));
    }

    [Fact]
    public async Task A_second_save_of_the_same_loaded_version_is_refused_and_nothing_is_lost()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();
        var first = await FormForAsync(_world.InUnitA.Id);
        var second = await FormForAsync(_world.InUnitA.Id);
        first.Address = "少城路1号";
        second.Address = "草市街2号";

        Assert.True((await commands.SaveAsync(first)).Succeeded);
        var conflict = await commands.SaveAsync(second);

        Assert.False(conflict.Succeeded);
        Assert.Contains("已被他人修改", conflict.Errors.Single(), StringComparison.Ordinal);
        using var db = App.Database.CreateContext();
        Assert.Equal("少城路1号", (await db.Retirees.SingleAsync(r => r.Id == _world.InUnitA.Id)).Address);
    }

    [Fact]
    public async Task The_same_person_cannot_be_registered_twice_even_by_a_double_click()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();
        RetireeForm Form() => new() { Name = "重复录入", IdNumber = "51010519550315001X", UnitId = _world.UnitA.Id };

        var results = await Task.WhenAll(commands.SaveAsync(Form()), commands.SaveAsync(Form()));

        Assert.Single(results, r => r.Succeeded);
        Assert.Contains("已在名册中登记", results.Single(r => !r.Succeeded).Errors.Single(), StringComparison.Ordinal);
        using var db = App.Database.CreateContext();
        Assert.Equal(1, await db.Retirees.CountAsync(r => r.IdNumber == "51010519550315001X"));
    }

    [Theory]
    [InlineData("51010519550315001", "18位")]
    [InlineData("510105195503150011", "校验位")]
    [InlineData("510105200003150017", "未满 40 岁")]
    public async Task Bad_input_gets_a_clear_chinese_message_and_nothing_is_saved(string idNumber, string message)
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();

        var result = await commands.SaveAsync(new RetireeForm
        {
            Name = "错误号码",
            IdNumber = idNumber,
            UnitId = _world.UnitA.Id,
        });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains(message, StringComparison.Ordinal));
        using var db = App.Database.CreateContext();
        Assert.False(await db.Retirees.AnyAsync(r => r.Name == "错误号码"));
    }

    [Fact]
    public async Task A_deceased_person_needs_a_death_date_after_the_birth_date_and_not_in_the_future()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();
        RetireeForm Form(DateOnly? death) => new() { Name = "已故教师", IdNumber = "51010519550315001X", UnitId = _world.UnitA.Id, IsDeceased = true, DeathDate = death };

        Assert.Contains("已故人员请填写去世日期", (await commands.SaveAsync(Form(null))).Errors);
        Assert.Contains("去世日期不能早于出生日期", (await commands.SaveAsync(Form(new DateOnly(1950, 1, 1)))).Errors);
        Assert.Contains("去世日期不能晚于今天", (await commands.SaveAsync(Form(commands.Today.AddDays(1)))).Errors);
        Assert.True((await commands.SaveAsync(Form(commands.Today.AddDays(-3)))).Succeeded);
    }

    [Fact]
    public async Task An_officer_cannot_write_into_another_unit_by_tampering_with_the_form()
    {
        var officer = _world[UserRole.UnitOfficer];
        await using var scope = await App.ScopeForAsync(officer);
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();

        var moveIn = await commands.SaveAsync(new RetireeForm { Name = "越权登记", IdNumber = "110105491231002", UnitId = _world.UnitB.Id });
        var otherUnits = await FormForAsync(_world.InUnitB.Id);
        otherUnits.Phone = "13000000000";
        var edit = await commands.SaveAsync(otherUnits);
        var moveOwnAway = await FormForAsync(_world.InUnitA.Id);
        moveOwnAway.UnitId = _world.UnitB.Id;
        var move = await commands.SaveAsync(moveOwnAway);
        var delete = await commands.DeleteAsync(_world.InUnitB.Id, 1);
        var reveal = await commands.RevealAsync(_world.InUnitB.Id, RevealField.IdNumber);

        Assert.False(moveIn.Succeeded);
        Assert.False(edit.Succeeded);
        Assert.False(move.Succeeded);
        Assert.True(delete.NotFound);
        Assert.Null(reveal);

        using var db = App.Database.CreateContext();
        var unitB = await db.Retirees.Where(r => r.UnitId == _world.UnitB.Id).ToListAsync();
        Assert.Equal([_world.InUnitB.Id], unitB.Select(r => r.Id));
        Assert.Equal("13955556666", unitB[0].Phone);
        Assert.True(await db.AuditEntries.CountAsync(a => a.Action == AuditAction.AccessDenied && a.UserName == officer.UserName) >= 4);
    }

    [Theory]
    [InlineData(UserRole.GroupLeader)]
    [InlineData(UserRole.Leadership)]
    [InlineData(UserRole.Administrator)]
    public async Task Roles_that_change_nothing_cannot_save_delete_or_reveal(UserRole role)
    {
        await using var scope = await App.ScopeForAsync(_world[role]);
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();
        var form = await FormForAsync(_world.InGroupA.Id);
        form.Phone = "13000000000";

        Assert.False((await commands.SaveAsync(form)).Succeeded);
        Assert.False((await commands.DeleteAsync(_world.InGroupA.Id, form.Version)).Succeeded);
        Assert.Null(await commands.RevealAsync(_world.InGroupA.Id, RevealField.IdNumber));
        using var db = App.Database.CreateContext();
        Assert.Equal("13911112222", (await db.Retirees.SingleAsync(r => r.Id == _world.InGroupA.Id)).Phone);
    }

    [Theory]
    [InlineData(UserRole.Leadership)]
    [InlineData(UserRole.Administrator)]
    public async Task Roles_that_phone_nobody_cannot_reveal_a_phone_number(UserRole role)
    {
        await using var scope = await App.ScopeForAsync(_world[role]);
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();

        Assert.Null(await commands.RevealAsync(_world.InGroupA.Id, RevealField.Phone));
        Assert.Null(await commands.RevealAsync(_world.InGroupA.Id, RevealField.EmergencyContactPhone));
        using var db = App.Database.CreateContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.AccessDenied && a.UserName == _world[role].UserName && a.EntityId == _world.InGroupA.Id.ToString()));
    }

    [Fact]
    public async Task A_group_leader_may_reveal_a_phone_number_of_their_group_and_it_is_written_down()
    {
        var leader = _world[UserRole.GroupLeader];
        await using var scope = await App.ScopeForAsync(leader);
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();

        Assert.Equal("13911112222", await commands.RevealAsync(_world.InGroupA.Id, RevealField.Phone));
        Assert.Null(await commands.RevealAsync(_world.InUnitA.Id, RevealField.Phone));

        using var db = App.Database.CreateContext();
        var line = await db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Reveal && a.UserName == leader.UserName);
        Assert.Equal(_world.InGroupA.Id, line.RetireeId);
        Assert.Equal("查看完整联系电话", line.Details);
    }

    [Fact]
    public async Task Revealing_a_number_in_full_is_written_down()
    {
        var officer = _world[UserRole.UnitOfficer];
        await using var scope = await App.ScopeForAsync(officer);
        var commands = scope.ServiceProvider.GetRequiredService<RegisterCommands>();

        var id = await commands.RevealAsync(_world.InUnitA.Id, RevealField.IdNumber);
        var phone = await commands.RevealAsync(_world.InUnitA.Id, RevealField.Phone);

        Assert.Equal(_world.InUnitA.IdNumber, id);
        Assert.Equal("13933334444", phone);
        using var db = App.Database.CreateContext();
        var lines = await db.AuditEntries.Where(a => a.Action == AuditAction.Reveal && a.RetireeId == _world.InUnitA.Id).ToListAsync();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(officer.UserName, l.UserName));
        Assert.Contains(lines, l => l.Details == "查看完整身份证号码");
    }

    private async Task<RetireeForm> FormForAsync(int id)
    {
        using var db = App.Database.CreateContext();
        return RetireeForm.From(await db.Retirees.AsNoTracking().SingleAsync(r => r.Id == id));
    }
}
