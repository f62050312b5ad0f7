using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Register.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Register.Organisation;

public sealed class OrganisationChangesTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task An_officer_moves_people_to_another_group_of_their_unit_and_each_history_shows_the_move()
    {
        RetireeGroup target;
        using (var db = App.Database.CreateContext())
        {
            target = new RegisterBuilder(db).Group(_world.UnitA, "甲二组");
        }

        await using var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]);
        var changes = scope.ServiceProvider.GetRequiredService<OrganisationChanges>();
        var people = await changes.PeopleAsync(_world.UnitA.Id, null, ungroupedOnly: false);
        Assert.Equal([_world.InGroupA.Id, _world.InUnitA.Id], people.Select(p => p.Id).Order());

        var result = await changes.MoveAsync(people.ToDictionary(p => p.Id, p => p.Version), _world.UnitA.Id, target.Id);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.Equal(2, result.Value);
        using var check = App.Database.CreateContext();
        Assert.Equal(2, await check.Retirees.CountAsync(r => r.GroupId == target.Id));
        foreach (var id in new[] { _world.InGroupA.Id, _world.InUnitA.Id })
        {
            var line = await check.AuditEntries.SingleAsync(a => a.RetireeId == id && a.Action == AuditAction.Update);
            Assert.Contains(AuditTrail.Deserialize(line.Changes), c => c.Field == "GroupId" && c.New == target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(_world[UserRole.UnitOfficer].UserName, line.UserName);
        }
    }

    [Fact]
    public async Task An_officer_cannot_move_someone_of_another_unit_nor_move_anyone_out_of_their_unit()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]);
        var changes = scope.ServiceProvider.GetRequiredService<OrganisationChanges>();

        var theirs = await changes.MoveAsync(new Dictionary<int, long> { [_world.InUnitB.Id] = _world.InUnitB.Version }, _world.UnitA.Id, null);
        var away = await changes.MoveAsync(new Dictionary<int, long> { [_world.InUnitA.Id] = _world.InUnitA.Version }, _world.UnitB.Id, null);

        Assert.False(theirs.Succeeded);
        Assert.Equal(CommandOutcome.Invalid, away.Outcome);
        Assert.Contains("只能调到本单位", away.Errors.Single(), StringComparison.Ordinal);
        Assert.Empty(await changes.PeopleAsync(_world.UnitB.Id, null, ungroupedOnly: false));
        using var db = App.Database.CreateContext();
        Assert.Equal(_world.UnitB.Id, (await db.Retirees.SingleAsync(r => r.Id == _world.InUnitB.Id)).UnitId);
        Assert.Equal(_world.UnitA.Id, (await db.Retirees.SingleAsync(r => r.Id == _world.InUnitA.Id)).UnitId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.AccessDenied && a.RetireeId == _world.InUnitB.Id));
    }

    [Fact]
    public async Task Staff_move_a_group_leader_to_another_unit_and_they_no_longer_lead_the_old_group()
    {
        using (var db = App.Database.CreateContext())
        {
            var group = await db.RetireeGroups.SingleAsync(g => g.Id == _world.GroupA.Id);
            group.LeaderId = _world.InGroupA.Id;
            await db.SaveChangesAsync();
        }

        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var result = await scope.ServiceProvider.GetRequiredService<OrganisationChanges>()
            .MoveAsync(new Dictionary<int, long> { [_world.InGroupA.Id] = _world.InGroupA.Version }, _world.UnitB.Id, null);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        using var check = App.Database.CreateContext();
        var moved = await check.Retirees.SingleAsync(r => r.Id == _world.InGroupA.Id);
        Assert.Equal((_world.UnitB.Id, (int?)null), (moved.UnitId, moved.GroupId));
        Assert.Null((await check.RetireeGroups.SingleAsync(g => g.Id == _world.GroupA.Id)).LeaderId);
        var line = await check.AuditEntries.SingleAsync(a => a.RetireeId == moved.Id && a.Action == AuditAction.Update);
        Assert.Contains(AuditTrail.Deserialize(line.Changes), c => c.Field == "UnitId");
    }

    [Fact]
    public async Task A_move_of_someone_changed_meanwhile_is_refused_and_nobody_moves()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var result = await scope.ServiceProvider.GetRequiredService<OrganisationChanges>().MoveAsync(
            new Dictionary<int, long> { [_world.InUnitA.Id] = _world.InUnitA.Version, [_world.InGroupA.Id] = _world.InGroupA.Version - 1 }, _world.UnitB.Id, null);

        Assert.True(result.Stale);
        using var db = App.Database.CreateContext();
        Assert.Equal(0, await db.Retirees.CountAsync(r => r.UnitId == _world.UnitB.Id && r.Id != _world.InUnitB.Id));
    }

    [Fact]
    public async Task Merging_two_groups_moves_every_member_with_history_keeps_a_leader_and_deletes_the_emptied_group()
    {
        RetireeGroup from;
        Retiree deceased;
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            from = make.Group(_world.UnitA, "甲三组");
            var leader = make.Retiree(_world.UnitA, "三组组长", configure: r => r.GroupId = from.Id);
            deceased = make.Retiree(_world.UnitA, "三组已故", configure: r => (r.GroupId, r.IsDeceased, r.DeathDate) = (from.Id, true, new DateOnly(2024, 1, 1)));
            var group = await db.RetireeGroups.SingleAsync(g => g.Id == from.Id);
            group.LeaderId = leader.Id;
            await db.SaveChangesAsync();
        }

        var account = await App.CreateAccountAsync(UserRole.GroupLeader, _world.UnitA.Id, from.Id);
        await using var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]);
        var result = await scope.ServiceProvider.GetRequiredService<OrganisationChanges>().MergeGroupsAsync(from.Id, _world.GroupA.Id);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.Equal(2, result.Value);
        using var check = App.Database.CreateContext();
        Assert.False(await check.RetireeGroups.AnyAsync(g => g.Id == from.Id));
        Assert.Equal(3, await check.Retirees.CountAsync(r => r.GroupId == _world.GroupA.Id));
        Assert.NotNull((await check.RetireeGroups.SingleAsync(g => g.Id == _world.GroupA.Id)).LeaderId);
        Assert.Equal(_world.GroupA.Id, (await check.Users.SingleAsync(u => u.Id == account.Id)).GroupId);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.RetireeId == deceased.Id && a.Action == AuditAction.Update));
    }

    [Fact]
    public async Task Groups_of_two_units_are_not_merged_and_an_officer_cannot_touch_another_units_groups()
    {
        RetireeGroup groupB;
        using (var db = App.Database.CreateContext())
        {
            groupB = new RegisterBuilder(db).Group(_world.UnitB, "乙一组");
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            var result = await scope.ServiceProvider.GetRequiredService<OrganisationChanges>().MergeGroupsAsync(groupB.Id, _world.GroupA.Id);
            Assert.Equal(CommandOutcome.Invalid, result.Outcome);
            Assert.Contains("同一单位", result.Errors.Single(), StringComparison.Ordinal);
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]))
        {
            var result = await scope.ServiceProvider.GetRequiredService<OrganisationChanges>().MergeGroupsAsync(groupB.Id, _world.GroupA.Id);
            Assert.True(result.NotFound);
        }

        using var db2 = App.Database.CreateContext();
        Assert.True(await db2.RetireeGroups.AnyAsync(g => g.Id == groupB.Id));
    }
}
