using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Intranet.Domain.Reminders;
using Intranet.Domain.Welfare;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Reminders;
using Intranet.Web.Welfare;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Reminders;

public sealed class ReminderCommandsTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task Recording_the_visit_from_the_reminder_closes_it_with_a_link_and_a_double_click_makes_one_visit()
    {
        var reminder = Raise(ReminderKind.Birthday, _world.InUnitA, "80 岁生日（整寿）");
        await using var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]);
        var (commands, queries) = Services(scope);
        Assert.Equal(1, await queries.WaitingCountAsync());

        var form = new VisitForm { VisitedOn = commands.Today, Visitors = "张主任", Gift = "蛋糕" };
        var results = await Task.WhenAll(
            commands.RecordVisitAsync(reminder.Id, reminder.Version, form),
            commands.RecordVisitAsync(reminder.Id, reminder.Version, new VisitForm { VisitedOn = commands.Today, Visitors = "张主任", Gift = "蛋糕" }));

        // The second click is told (the reminder was just closed, or the visit was just recorded) and saves nothing.
        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Single(results, r => !r.Succeeded && r.Message is not null);
        using var db = App.Database.CreateContext();
        var visit = await db.Set<Visit>().SingleAsync(v => v.RetireeId == _world.InUnitA.Id);
        Assert.Equal((VisitOccasion.Birthday, "蛋糕"), (visit.Occasion, visit.Gift));
        var saved = await db.Set<Reminder>().SingleAsync(r => r.Id == reminder.Id);
        Assert.Equal((ReminderStatus.Done, visit.Id), (saved.Status, saved.VisitId));
        Assert.Equal(0, await queries.WaitingCountAsync());
        var closed = Assert.Single((await queries.ListAsync(InboxView.Closed, null, PageRequest.First)).Items);
        Assert.Equal(visit.VisitedOn, closed.VisitedOn);
    }

    [Fact]
    public async Task A_visit_recorded_elsewhere_closes_the_birthday_reminder_and_a_condolence_visit_the_condolence_one()
    {
        var birthday = Raise(ReminderKind.Birthday, _world.InUnitB, "90 岁生日（整寿）");
        var anniversary = Raise(ReminderKind.WeddingAnniversary, _world.InUnitB, "结婚 50 周年（金婚）");
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var welfare = scope.ServiceProvider.GetRequiredService<WelfareCommands>();

        // An illness visit is not the birthday's.
        Assert.True((await welfare.RecordVisitAsync(new VisitForm { RetireeId = _world.InUnitB.Id, VisitedOn = welfare.Today, Occasion = VisitOccasion.Illness, Visitors = "李老师" })).Succeeded);
        Assert.Equal(ReminderStatus.Open, Reload(birthday).Status);

        var visit = await welfare.RecordVisitAsync(new VisitForm { RetireeId = _world.InUnitB.Id, VisitedOn = welfare.Today, Occasion = VisitOccasion.Birthday, Visitors = "李老师" });
        Assert.True(visit.Succeeded);
        Assert.Equal((ReminderStatus.Done, visit.Value), (Reload(birthday).Status, Reload(birthday).VisitId));
        Assert.Equal(ReminderStatus.Open, Reload(anniversary).Status);

        // A death closes what was about the living person; the condolence visit closes the condolence.
        using (var db = App.Database.CreateContext())
        {
            var person = await db.Retirees.SingleAsync(r => r.Id == _world.InUnitB.Id);
            (person.IsDeceased, person.DeathDate) = (true, welfare.Today);
            await db.SaveChangesAsync();
        }

        Assert.Equal((ReminderStatus.Closed, "本人已去世"), (Reload(anniversary).Status, Reload(anniversary).ClosedNote));
        var condolence = Raise(ReminderKind.Condolence, _world.InUnitB, "吊唁慰问家属");
        var family = await welfare.RecordVisitAsync(new VisitForm { RetireeId = _world.InUnitB.Id, VisitedOn = welfare.Today, Occasion = VisitOccasion.Condolence, Visitors = "区退管会" });
        Assert.True(family.Succeeded, string.Join(" ", family.Errors));
        Assert.Equal((ReminderStatus.Done, family.Value), (Reload(condolence).Status, Reload(condolence).VisitId));
    }

    [Fact]
    public async Task A_follow_up_or_a_closed_case_closes_its_reminder_and_a_done_health_check_closes_the_check_reminders()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var welfare = scope.ServiceProvider.GetRequiredService<WelfareCommands>();
        var today = welfare.Today;
        var opened = await welfare.OpenCaseAsync(new CaseForm
        {
            RetireeId = _world.InUnitA.Id, Type = CaseType.HardshipSubsidy, Reason = "生活困难", Officer = "王建华", OpenedOn = today.AddDays(-20), NextFollowUpOn = today,
        });
        Assert.True(opened.Succeeded, string.Join(" ", opened.Errors));
        var followUp = Raise(ReminderKind.CaseFollowUp, _world.InUnitA, "回访", subjectId: opened.Value);

        Assert.True((await welfare.AddFollowUpAsync(opened.Value, new FollowUpForm { Date = today, Note = "电话回访", NextFollowUpOn = today.AddDays(30) })).Succeeded);
        Assert.Equal(ReminderStatus.Done, Reload(followUp).Status);

        var due = Raise(ReminderKind.HealthCheckDue, _world.InUnitA, "上次体检已满一年");
        using (var db = App.Database.CreateContext())
        {
            db.Add(new HealthCheck { RetireeId = _world.InUnitA.Id, Year = today.Year, Status = HealthCheckStatus.Planned });
            await db.SaveChangesAsync();
            Assert.Equal(ReminderStatus.Open, Reload(due).Status);
            var check = await db.Set<HealthCheck>().SingleAsync(h => h.RetireeId == _world.InUnitA.Id);
            (check.Status, check.CheckedOn) = (HealthCheckStatus.Done, today);
            await db.SaveChangesAsync();
        }

        Assert.Equal((ReminderStatus.Done, "已登记体检"), (Reload(due).Status, Reload(due).ClosedNote));
    }

    [Fact]
    public async Task Each_role_sees_and_acts_on_its_own_scope_only_and_a_refusal_is_logged()
    {
        var inGroup = Raise(ReminderKind.Birthday, _world.InGroupA, "80 岁生日（整寿）");
        var groupAnniversary = Raise(ReminderKind.WeddingAnniversary, _world.InGroupA, "结婚 50 周年（金婚）");
        var inUnitA = Raise(ReminderKind.Birthday, _world.InUnitA, "85 岁生日");
        var inUnitB = Raise(ReminderKind.Birthday, _world.InUnitB, "81 岁生日");
        var festival = Raise(ReminderKind.HolidayVisit, null, "春节慰问", subjectId: (int)VisitOccasion.SpringFestival);

        async Task<int[]> SeenAsync(UserRole role)
        {
            await using var scope = await App.ScopeForAsync(_world[role]);
            var (_, queries) = Services(scope);
            return [.. (await queries.ListAsync(InboxView.Waiting, null, PageRequest.First)).Items.Select(i => i.Id).Order()];
        }

        Assert.Equal(new[] { inGroup.Id, groupAnniversary.Id, inUnitA.Id, inUnitB.Id, festival.Id }.Order(), await SeenAsync(UserRole.DistrictStaff));
        Assert.Equal(new[] { inGroup.Id, groupAnniversary.Id, inUnitA.Id }.Order(), await SeenAsync(UserRole.UnitOfficer));
        Assert.Equal([inGroup.Id], await SeenAsync(UserRole.GroupLeader));
        Assert.Empty(await SeenAsync(UserRole.Leadership));
        Assert.Empty(await SeenAsync(UserRole.Administrator));

        await using (var officer = await App.ScopeForAsync(_world[UserRole.UnitOfficer]))
        {
            var (commands, _) = Services(officer);
            Assert.True((await commands.DismissAsync(inUnitB.Id, inUnitB.Version)).NotFound);
            Assert.True((await commands.DoneAsync(festival.Id, festival.Version)).NotFound);
        }

        await using (var leader = await App.ScopeForAsync(_world[UserRole.GroupLeader]))
        {
            var (commands, _) = Services(leader);
            Assert.Equal("您的账户只能查看提醒，不能处理。", (await commands.DoneAsync(inGroup.Id, inGroup.Version)).Message);
        }

        Assert.Equal(ReminderStatus.Open, Reload(inUnitB).Status);
        Assert.Equal(ReminderStatus.Open, Reload(inGroup).Status);
        using var db = App.Database.CreateContext();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.AccessDenied && a.EntityType == nameof(Reminder)));
    }

    [Fact]
    public async Task Snoozing_hides_a_reminder_until_its_day_and_a_dismissed_one_can_be_reopened()
    {
        var reminder = Raise(ReminderKind.Birthday, _world.InUnitA, "80 岁生日（整寿）");
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, queries) = Services(scope);
        var today = commands.Today;

        Assert.Equal("Until", Assert.Single((await commands.SnoozeAsync(reminder.Id, reminder.Version, today)).FieldErrors).Field);
        Assert.Single((await commands.SnoozeAsync(reminder.Id, reminder.Version, today.AddDays(181))).FieldErrors);
        Assert.True((await commands.SnoozeAsync(reminder.Id, reminder.Version, today.AddDays(3))).Succeeded);
        Assert.Equal(0, await queries.WaitingCountAsync());
        Assert.Single((await queries.ListAsync(InboxView.Snoozed, null, PageRequest.First)).Items);

        // Acting on what one saw before someone else's change is refused, not applied over it.
        Assert.True((await commands.DismissAsync(reminder.Id, reminder.Version)).Stale);
        var current = Reload(reminder);
        Assert.True((await commands.DismissAsync(current.Id, current.Version)).Succeeded);
        current = Reload(reminder);
        Assert.Equal((ReminderStatus.Dismissed, (DateOnly?)null), (current.Status, current.SnoozedUntil));
        Assert.True((await commands.ReopenAsync(current.Id, current.Version)).Succeeded);
        Assert.Equal(1, await queries.WaitingCountAsync());
    }

    [Fact]
    public async Task A_festival_reminder_makes_the_visit_campaign_in_one_click_once()
    {
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            make.Retiree(_world.UnitA, "八十五岁", age: 85);
            make.Retiree(_world.UnitB, "九十岁", age: 90);
        }

        var festival = Raise(ReminderKind.HolidayVisit, null, "2027 年春节慰问", subjectId: (int)VisitOccasion.SpringFestival, occasion: new DateOnly(2027, 2, 6));
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, _) = Services(scope);

        var results = await Task.WhenAll(commands.CreateCampaignAsync(festival.Id, festival.Version), commands.CreateCampaignAsync(festival.Id, festival.Version));
        var created = Assert.Single(results, r => r.Succeeded);
        Assert.True(Assert.Single(results, r => !r.Succeeded).Stale);

        using var check = App.Database.CreateContext();
        var campaign = await check.Set<VisitCampaign>().SingleAsync();
        Assert.Equal((created.Value, "2027年春节慰问", VisitOccasion.SpringFestival, new DateOnly(2027, 2, 6), "80岁及以上"),
            (campaign.Id, campaign.Name, campaign.Occasion, campaign.EndsOn, campaign.Cohort));
        Assert.Equal(2, await check.Set<CampaignEntry>().CountAsync(e => e.CampaignId == campaign.Id));
        Assert.Equal((ReminderStatus.Done, (int?)campaign.Id), (Reload(festival).Status, Reload(festival).CampaignId));

        await using var officer = await App.ScopeForAsync(_world[UserRole.UnitOfficer]);
        Assert.True((await Services(officer).Commands.CreateCampaignAsync(festival.Id, festival.Version)).NotFound);
    }

    [Fact]
    public async Task Merging_two_records_of_one_person_keeps_one_birthday_reminder_and_rekeys_the_others()
    {
        Retiree keep, other;
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            keep = make.Retiree(_world.UnitA, "重复的人");
            other = make.Retiree(_world.UnitA, "重复的人");
        }

        var bothBirthday = new[] { Raise(ReminderKind.Birthday, keep, "80 岁生日（整寿）"), Raise(ReminderKind.Birthday, other, "80 岁生日（整寿）") };
        var onlyOther = Raise(ReminderKind.WeddingAnniversary, other, "结婚 50 周年（金婚）");
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var merged = await scope.ServiceProvider.GetRequiredService<Intranet.Web.Register.Duplicates.RetireeMerge>().MergeAsync(new Intranet.Web.Register.Duplicates.MergeForm
        {
            SurvivorId = keep.Id, SurvivorVersion = keep.Version, OtherId = other.Id, OtherVersion = other.Version,
        });
        Assert.True(merged.Succeeded, string.Join(" ", merged.Errors));

        using var check = App.Database.CreateContext();
        var left = await check.Set<Reminder>().Where(r => r.RetireeId == keep.Id).OrderBy(r => r.Kind).ToListAsync();
        Assert.Equal(
            [(ReminderKind.Birthday, keep.Id, bothBirthday[0].Id), (ReminderKind.WeddingAnniversary, keep.Id, onlyOther.Id)],
            left.Select(r => (r.Kind, r.SubjectId, r.Id)));
    }

    private Reminder Raise(ReminderKind kind, Retiree? person, string detail, int? subjectId = null, DateOnly? occasion = null)
    {
        using var db = App.Database.CreateContext();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var reminder = new Reminder
        {
            Kind = kind, SubjectId = subjectId ?? person!.Id, OccasionOn = occasion ?? today, DueOn = occasion ?? today, RetireeId = person?.Id, Detail = detail,
        };
        db.Add(reminder);
        db.SaveChanges();
        return reminder;
    }

    private Reminder Reload(Reminder reminder)
    {
        using var db = App.Database.CreateContext();
        return db.Set<Reminder>().AsNoTracking().Single(r => r.Id == reminder.Id);
    }

    private static (ReminderCommands Commands, ReminderQueries Queries) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<ReminderCommands>(), scope.ServiceProvider.GetRequiredService<ReminderQueries>());
}
