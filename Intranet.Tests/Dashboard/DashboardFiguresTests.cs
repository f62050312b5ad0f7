using Intranet.Domain.Accounts;
using Intranet.Domain.Welfare;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Dashboard;
using Intranet.Web.Register;
using Intranet.Web.Welfare;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Dashboard;

public sealed class DashboardFiguresTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task Two_hundred_open_dashboards_are_one_computation_per_moved_panel_and_all_hear_the_new_figures()
    {
        var figures = App.Services.GetRequiredService<DashboardFigures>();
        var year = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;
        var everyone = new DashboardScope(year, null);
        var unitA = new DashboardScope(year, _world.UnitA.Id);
        var before = (WelfareFigures)(await figures.GetAsync("welfare", everyone)).Figures;
        await figures.GetAllAsync(everyone);
        await figures.GetAllAsync(unitA);
        var computed = figures.Computations;

        // 200 viewers of the whole district and one of unit A: opening the page again computes nothing.
        var heard = new List<PanelFigures>();
        var unitHeard = new List<PanelFigures>();
        var subscriptions = Enumerable.Range(0, 200)
            .Select(_ => figures.Watch(everyone, f => { lock (heard) { heard.Add(f); } return Task.CompletedTask; }))
            .Append(figures.Watch(unitA, f => { lock (unitHeard) { unitHeard.Add(f); } return Task.CompletedTask; }))
            .ToList();
        await figures.GetAllAsync(everyone);
        Assert.Equal(computed, figures.Computations);

        // A burst of three cases opened in unit B moves the welfare panel only: one computation per watched scope.
        await using (var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            var commands = scope.ServiceProvider.GetRequiredService<WelfareCommands>();
            foreach (var reason in new[] { "一", "二", "三" })
            {
                var opened = await commands.OpenCaseAsync(new CaseForm
                {
                    RetireeId = _world.InUnitB.Id, Type = CaseType.MedicalRelief, Reason = "长期患病" + reason, Officer = "张丽", OpenedOn = commands.Today,
                });
                Assert.True(opened.Succeeded);
            }
        }

        await WaitUntilAsync(() => heard.Count(f => f.Key == "welfare" && ((WelfareFigures)f.Figures).OpenCases == before.OpenCases + 3) == 200);
        Assert.All(heard, f => Assert.Equal("welfare", f.Key));
        Assert.InRange(figures.Computations - computed, 2, 2 * 3);

        // Whatever the feed's windows made of the burst, each window was one computation per scope, not one per viewer.
        var windows = heard.Count / 200;
        Assert.Equal(computed + windows * 2, figures.Computations);

        // Unit A's viewer heard the welfare panel move, and its figures did not: the cases are unit B's.
        Assert.All(unitHeard, f => Assert.Equal(0, ((WelfareFigures)f.Figures).OpenCases));

        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
    }

    [Fact]
    public async Task Every_area_contributes_its_panel_and_each_agrees_with_the_areas_own_page()
    {
        var figures = App.Services.GetRequiredService<DashboardFigures>();
        Assert.Equal(["register", "welfare", "university", "activities", "contests", "reminders"], figures.Panels.Select(p => p.Key));

        var year = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).Year;
        using (var db = App.Database.CreateContext())
        {
            var activity = new Intranet.Domain.Activities.Activity
            {
                Kind = Intranet.Domain.Activities.ActivityKind.Forum, Title = "座谈会", Date = new DateOnly(year, 1, 10), GuestCount = 4,
            };
            db.Add(activity);
            db.Add(new Intranet.Domain.Activities.ActivityParticipant
            {
                Activity = activity, RetireeId = _world.InUnitA.Id, Status = Intranet.Domain.Activities.ParticipationStatus.Attended,
            });
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            foreach (var (person, snoozed) in new[] { (_world.InUnitA, (DateOnly?)null), (_world.InUnitB, today.AddDays(5)) })
            {
                db.Add(new Intranet.Domain.Reminders.Reminder
                {
                    Kind = Intranet.Domain.Reminders.ReminderKind.Birthday, SubjectId = person.Id, RetireeId = person.Id, OccasionOn = today.AddDays(-1),
                    DueOn = today.AddDays(-1), Detail = "80 岁生日（整寿）", SnoozedUntil = snoozed,
                });
            }

            await db.SaveChangesAsync();
        }

        var scope = new DashboardScope(year, null);
        var activities = (Intranet.Web.Activities.ActivityFigures)(await figures.GetAsync("activities", scope)).Figures;
        var university = (Intranet.Web.University.UniversityPanelFigures)(await figures.GetAsync("university", scope)).Figures;
        await using var staff = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var own = await staff.ServiceProvider.GetRequiredService<Intranet.Web.Activities.ActivityQueries>().YearAsync(year, null);
        Assert.Equal((1, 1, 5), (activities.Activities, activities.Attended, activities.Attendance));
        Assert.Equal((own.Activities, own.Attended, own.Attendance), (activities.Activities, activities.Attended, activities.Attendance));
        Assert.Equal(await staff.ServiceProvider.GetRequiredService<Intranet.Web.University.UniversityQueries>().YearAsync(year, null), university.Year);

        // Waiting and overdue as the inbox counts them: the snoozed one is not waiting.
        var reminders = (Intranet.Web.Reminders.ReminderFigures)(await figures.GetAsync("reminders", scope)).Figures;
        Assert.Equal((1, 1), (reminders.Waiting, reminders.Overdue));
        Assert.Equal(await staff.ServiceProvider.GetRequiredService<Intranet.Web.Reminders.ReminderQueries>().WaitingCountAsync(), reminders.Waiting);
    }

    [Fact]
    public async Task A_unit_officers_dashboard_is_their_units_whatever_the_address_asks()
    {
        using var client = await App.SignedInClientAsync(_world[UserRole.UnitOfficer]);
        var html = await client.GetStringAsync($"/dashboard?unit={_world.UnitB.Id}");
        Assert.Contains("本单位的数据", html, StringComparison.Ordinal);

        // Unit A has two living people; unit B's one is not counted.
        var figures = App.Services.GetRequiredService<DashboardFigures>();
        var register = (RegisterFigures)(await figures.GetAsync("register", new DashboardScope(2026, _world.UnitA.Id))).Figures;
        Assert.Equal(2, register.Living);
        Assert.Contains("<span class=\"kpi-value\">2</span><span class=\"kpi-label\">健在退休教工</span>", html, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The dashboards did not hear the change within 10 s.");
            await Task.Delay(50);
        }
    }
}
