using Intranet.Domain.Accounts;
using Intranet.Domain.Activities;
using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Activities;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Platform.Lists;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Activities;

public sealed class ActivityCommandsTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task Staff_hold_an_activity_invite_confirm_and_mark_attendance()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, queries) = Services(scope);
        var created = await commands.CreateAsync(Form(ActivityKind.Forum, commands.Today.AddDays(-1), null, "老干部座谈会"));
        Assert.True(created.Succeeded, created.Message);

        var invited = await commands.InviteAsync(created.Value, [_world.InUnitA.Id, _world.InUnitB.Id]);
        Assert.Equal(2, invited.Value);
        var rows = await queries.ParticipantsAsync(created.Value);
        var a = rows.Single(r => r.RetireeId == _world.InUnitA.Id);
        Assert.True((await commands.SetStatusAsync(a.Id, a.Version, ParticipationStatus.Confirmed)).Succeeded);
        a = (await queries.ParticipantsAsync(created.Value)).Single(r => r.RetireeId == _world.InUnitA.Id);
        Assert.True((await commands.SetStatusAsync(a.Id, a.Version, ParticipationStatus.Attended)).Succeeded);

        var item = Assert.Single((await queries.ListAsync(new ActivityFilter { Year = commands.Today.AddDays(-1).Year, Kind = ActivityKind.Forum }, PageRequest.First)).Items);
        Assert.Equal((2, 1, 1), (item.Invited, item.Attended, item.Attendance));
        Assert.Equal("区退管会", (await queries.GetAsync(created.Value))!.Organiser);
        Assert.Single(await queries.ParticipationsOfAsync(_world.InUnitA.Id));
    }

    [Fact]
    public async Task Bad_input_is_refused_in_chinese_and_nothing_is_half_saved()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, queries) = Services(scope);
        var today = commands.Today;
        using (var db = App.Database.CreateContext())
        {
            await db.Retirees.Where(r => r.Id == _world.InGroupA.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsDeceased, true).SetProperty(r => r.DeathDate, today.AddYears(-1)));
        }

        // Dates that cannot be right, and a missing one.
        Assert.Equal(nameof(ActivityForm.Date), Assert.Single((await commands.CreateAsync(Form(ActivityKind.Forum, new DateOnly(1900, 1, 1)))).FieldErrors).Field);
        Assert.Equal(nameof(ActivityForm.Date), Assert.Single((await commands.CreateAsync(Form(ActivityKind.Forum, today.AddYears(5)))).FieldErrors).Field);
        var noDate = Form(ActivityKind.Forum, today);
        noDate.Date = null;
        Assert.Equal("请填写活动日期（如 2026-10-29）。", Assert.Single((await commands.CreateAsync(noDate)).FieldErrors).Message);
        var negative = Form(ActivityKind.Forum, today);
        negative.GuestCount = -1;
        Assert.Equal(nameof(ActivityForm.GuestCount), Assert.Single((await commands.CreateAsync(negative)).FieldErrors).Field);

        // A double-clicked save: one activity.
        var results = new[] { await commands.CreateAsync(Form(ActivityKind.HomeComing, today.AddDays(7))), await commands.CreateAsync(Form(ActivityKind.HomeComing, today.AddDays(7))) };
        var future = Assert.Single(results, r => r.Succeeded).Value;
        Assert.Contains("请勿重复保存", results.Single(r => !r.Succeeded).Message, StringComparison.Ordinal);

        // A deceased person and a living one in one invitation: refused whole.
        var withDead = await commands.InviteAsync(future, [_world.InUnitA.Id, _world.InGroupA.Id]);
        Assert.Equal((CommandOutcome.Refused, "不能邀请：甲组成员已故，不能邀请。"), (withDead.Outcome, withDead.Message));
        Assert.Empty(await queries.ParticipantsAsync(future));

        // Twice: said so, kept once.
        Assert.True((await commands.InviteAsync(future, [_world.InUnitA.Id])).Succeeded);
        Assert.Equal("不能邀请：甲单位成员已在邀请名单中。", (await commands.InviteAsync(future, [_world.InUnitA.Id])).Message);

        // Attendance of an activity still to come.
        var row = Assert.Single(await queries.ParticipantsAsync(future));
        var early = await commands.SetStatusAsync(row.Id, row.Version, ParticipationStatus.Attended);
        Assert.Equal($"活动日期（{today.AddDays(7):yyyy-MM-dd}）还没到，不能登记为已参加。", early.Message);
        Assert.Equal(ParticipationStatus.Invited, Assert.Single(await queries.ParticipantsAsync(future)).Status);
    }

    [Fact]
    public async Task The_unique_index_keeps_one_invitation_when_two_saves_race_and_the_second_is_told()
    {
        var activity = App.Database.AddActivity(ActivityKind.Forum, DateOnly.FromDateTime(DateTime.Today));
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, _) = Services(scope);

        // The check before the save passes for both; the index catches the second.
        var tasks = Enumerable.Range(0, 4).Select(_ => commands.InviteAsync(activity.Id, [_world.InUnitB.Id])).ToList();
        var results = await Task.WhenAll(tasks);
        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(CommandOutcome.Refused, r.Outcome));
        using var db = App.Database.CreateContext();
        Assert.Equal(1, await db.Set<ActivityParticipant>().CountAsync(p => p.ActivityId == activity.Id));
    }

    [Fact]
    public async Task Two_people_editing_one_activity_the_first_saves_the_second_is_told_it_changed()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, queries) = Services(scope);
        var id = (await commands.CreateAsync(Form(ActivityKind.MonthlyStudy, commands.Today, null, "十一月组长学习"))).Value;
        var loaded = (await queries.GetAsync(id))!.Activity;
        var first = ActivityForm.From(loaded);
        var second = ActivityForm.From(loaded);
        first.Place = "区退管会三楼会议室";
        second.GuestCount = 4;

        Assert.True((await commands.UpdateAsync(id, first)).Succeeded);
        var stale = await commands.UpdateAsync(id, second);
        Assert.True(stale.Stale);
        Assert.Equal(ActivityCommands.ActivityChanged, stale.Message);
        var saved = (await queries.GetAsync(id))!.Activity;
        Assert.Equal(("区退管会三楼会议室", 0), (saved.Place, saved.GuestCount));

        // The same for a participant's status.
        await commands.InviteAsync(id, [_world.InUnitA.Id]);
        var row = Assert.Single(await queries.ParticipantsAsync(id));
        Assert.True((await commands.SetStatusAsync(row.Id, row.Version, ParticipationStatus.Confirmed)).Succeeded);
        Assert.True((await commands.SetStatusAsync(row.Id, row.Version, ParticipationStatus.Declined)).Stale);
    }

    [Fact]
    public async Task Each_role_may_do_what_it_should_and_no_more()
    {
        var districtActivity = App.Database.AddActivity(ActivityKind.DoubleNinth, DateOnly.FromDateTime(DateTime.Today).AddDays(-3));
        var unitBActivity = App.Database.AddActivity(ActivityKind.HomeComing, DateOnly.FromDateTime(DateTime.Today).AddDays(-3), _world.UnitB.Id);
        App.Database.AddParticipant(districtActivity, _world.InUnitB);

        await using (var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]))
        {
            var (commands, queries) = Services(scope);
            var today = commands.Today;
            Assert.True(queries.MayCreate);
            var own = await commands.CreateAsync(Form(ActivityKind.HomeComing, today.AddDays(-1), _world.UnitA.Id, "甲单位回娘家"));
            Assert.True(own.Succeeded, own.Message);
            Assert.True((await commands.InviteAsync(own.Value, [_world.InUnitA.Id, _world.InGroupA.Id])).Succeeded);

            // Not for the district, nor another unit; not the people of another unit.
            Assert.Equal(nameof(ActivityForm.OrganiserUnitId), Assert.Single((await commands.CreateAsync(Form(ActivityKind.Forum, today, null))).FieldErrors).Field);
            Assert.Equal(nameof(ActivityForm.OrganiserUnitId), Assert.Single((await commands.CreateAsync(Form(ActivityKind.Forum, today, _world.UnitB.Id))).FieldErrors).Field);
            Assert.True((await commands.InviteAsync(own.Value, [_world.InUnitB.Id])).NotFound);
            Assert.Equal(CommandOutcome.Refused, (await commands.InviteAsync(districtActivity.Id, [_world.InUnitA.Id])).Outcome);
            Assert.Equal(CommandOutcome.Refused, (await commands.UpdateAsync(unitBActivity.Id, ActivityForm.From(unitBActivity))).Outcome);
            var moved = ActivityForm.From((await queries.GetAsync(own.Value))!.Activity);
            moved.OrganiserUnitId = _world.UnitB.Id;
            Assert.False((await commands.UpdateAsync(own.Value, moved)).Succeeded);

            // Reads: every activity, but only their own unit's people.
            Assert.False((await queries.GetAsync(districtActivity.Id))!.MayEdit);
            Assert.True((await queries.GetAsync(own.Value))!.MayEdit);
            Assert.Empty(await queries.ParticipantsAsync(districtActivity.Id));
            Assert.Equal(3, (await queries.ListAsync(new ActivityFilter(), PageRequest.First)).TotalCount);
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.Leadership]))
        {
            var (commands, queries) = Services(scope);
            Assert.False(queries.MayCreate);
            Assert.Single(await queries.ParticipantsAsync(districtActivity.Id));
            Assert.Equal(CommandOutcome.Refused, (await commands.CreateAsync(Form(ActivityKind.Forum, commands.Today))).Outcome);
            Assert.Equal(CommandOutcome.Refused, (await commands.InviteAsync(districtActivity.Id, [_world.InUnitA.Id])).Outcome);
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.GroupLeader]))
        {
            var (commands, queries) = Services(scope);
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queries.ListAsync(new ActivityFilter(), PageRequest.First));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queries.YearAsync(2026, null));
            Assert.Equal(CommandOutcome.Refused, (await commands.CreateAsync(Form(ActivityKind.Forum, commands.Today))).Outcome);
        }

        using var db = App.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.AccessDenied && a.RetireeId == _world.InUnitB.Id && a.UserName == _world[UserRole.UnitOfficer].UserName));
        Assert.Equal(3, await db.Set<ActivityParticipant>().CountAsync());
    }

    [Fact]
    public async Task The_year_figures_count_exactly_for_the_year_and_for_a_unit()
    {
        Retiree a1 = _world.InUnitA, a2 = _world.InGroupA, b1 = _world.InUnitB, coupleA, coupleB, coupleC;
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            coupleA = make.Married(_world.UnitA, "甲金婚", "配偶一", new DateOnly(1970, 5, 1));
            coupleB = make.Married(_world.UnitB, "乙金婚", "配偶二", new DateOnly(1971, 5, 1));
            coupleC = make.Married(_world.UnitA, "甲金婚二", "配偶三", new DateOnly(1972, 5, 1));
        }

        var data = App.Database;
        var forum = data.AddActivity(ActivityKind.Forum, new DateOnly(2025, 3, 5), null, guests: 5);
        data.AddParticipant(forum, a1, ParticipationStatus.Attended);
        data.AddParticipant(forum, a2, ParticipationStatus.Invited);
        data.AddParticipant(forum, b1, ParticipationStatus.Attended);
        var homeA = data.AddActivity(ActivityKind.HomeComing, new DateOnly(2025, 6, 1), _world.UnitA.Id, guests: 3);
        data.AddParticipant(homeA, a1, ParticipationStatus.Attended);
        data.AddParticipant(homeA, a2, ParticipationStatus.Declined);
        data.AddActivity(ActivityKind.HomeComing, new DateOnly(2025, 12, 31), _world.UnitB.Id);
        var golden = data.AddActivity(ActivityKind.GoldenWedding, new DateOnly(2025, 10, 29), null, guests: 10);
        data.AddParticipant(golden, coupleA, ParticipationStatus.Attended);
        data.AddParticipant(golden, coupleB, ParticipationStatus.Attended);
        data.AddParticipant(golden, coupleC, ParticipationStatus.Confirmed);

        // The years either side, which must not count.
        var before = data.AddActivity(ActivityKind.Forum, new DateOnly(2024, 12, 31), _world.UnitA.Id, guests: 7);
        data.AddParticipant(before, a1, ParticipationStatus.Attended);
        data.AddActivity(ActivityKind.GoldenWedding, new DateOnly(2026, 1, 1), _world.UnitA.Id, guests: 2);

        await using (var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            var (_, queries) = Services(scope);
            var all = await queries.YearAsync(2025, null);
            Assert.Equal((4, 8, 5, 18, 23, 2), (all.Activities, all.Invitations, all.Attended, all.Guests, all.Attendance, all.GoldenWeddingCouples));
            Assert.Equal(new KindFigure(ActivityKind.HomeComing, 2, 2, 1, 3), all.Of(ActivityKind.HomeComing));
            Assert.Equal(new KindFigure(ActivityKind.Forum, 1, 3, 2, 5), all.Of(ActivityKind.Forum));
            Assert.Equal(new KindFigure(ActivityKind.GoldenWedding, 1, 3, 2, 10), all.Of(ActivityKind.GoldenWedding));
            Assert.Equal(0, all.Of(ActivityKind.DoubleNinth).Activities);

            var unitA = await queries.YearAsync(2025, _world.UnitA.Id);
            Assert.Equal((1, 6, 3, 3, 6, 1), (unitA.Activities, unitA.Invitations, unitA.Attended, unitA.Guests, unitA.Attendance, unitA.GoldenWeddingCouples));

            var unitB = await queries.YearAsync(2025, _world.UnitB.Id);
            Assert.Equal((1, 2, 2, 0, 2, 1), (unitB.Activities, unitB.Invitations, unitB.Attended, unitB.Guests, unitB.Attendance, unitB.GoldenWeddingCouples));

            var earlier = await queries.YearAsync(2024, null);
            Assert.Equal((1, 1, 1, 7, 8, 0), (earlier.Activities, earlier.Invitations, earlier.Attended, earlier.Guests, earlier.Attendance, earlier.GoldenWeddingCouples));
            var later = await queries.YearAsync(2026, null);
            Assert.Equal((1, 0, 2, 0), (later.Activities, later.Invitations, later.Attendance, later.GoldenWeddingCouples));
            Assert.Equal(0, (await queries.YearAsync(1999, null)).Activities);
        }

        // A unit officer's people figures are their own unit's, whatever they ask.
        await using (var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]))
        {
            var (_, queries) = Services(scope);
            var own = await queries.YearAsync(2025, null);
            Assert.Equal((4, 6, 3, 18), (own.Activities, own.Invitations, own.Attended, own.Guests));
            Assert.Equal(0, (await queries.YearAsync(2025, _world.UnitB.Id)).Invitations);
        }
    }

    private static (ActivityCommands Commands, ActivityQueries Queries) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<ActivityCommands>(), scope.ServiceProvider.GetRequiredService<ActivityQueries>());

    private static ActivityForm Form(ActivityKind kind, DateOnly date, int? unitId = null, string title = "测试活动") => new()
    {
        Kind = kind, Title = title, Date = date, OrganiserUnitId = unitId, Place = "区教育局礼堂", GuestCount = 0,
    };
}
