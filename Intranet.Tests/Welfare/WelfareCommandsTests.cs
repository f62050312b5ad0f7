using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Welfare;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Register;
using Intranet.Web.Welfare;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Welfare;

public sealed class WelfareCommandsTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task A_case_is_followed_up_and_paid_in_exact_fen_and_every_step_is_in_the_persons_history()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, queries) = Services(scope);
        var today = commands.Today;
        var caseId = await OpenAsync(commands, _world.InUnitB.Id, today.AddDays(-30));

        Assert.True((await commands.AddFollowUpAsync(caseId, new FollowUpForm { Date = today.AddDays(-20), Note = "电话了解病情", NextFollowUpOn = today.AddDays(-1) })).Succeeded);
        Assert.True((await commands.AddPaymentAsync(caseId, new PaymentForm { PaidOn = today.AddDays(-10), Amount = "0.10", ApprovedBy = "王主任" }, confirmed: false)).Succeeded);
        Assert.True((await commands.AddPaymentAsync(caseId, new PaymentForm { PaidOn = today.AddDays(-5), Amount = "1,200.20", ApprovedBy = "王主任" }, confirmed: false)).Succeeded);

        var view = (await queries.GetCaseAsync(caseId))!;
        Assert.Equal(CaseStatus.Active, view.Case.Status);
        Assert.Equal(120_030, view.PaidFen);
        Assert.Equal("1,200.30", Money.Yuan(view.PaidFen));

        // The caseload sums in SQL, and a follow-up date passed shows as overdue.
        var row = Assert.Single((await queries.ListCasesAsync(new CaseFilter { OverdueOnly = true }, new Web.Platform.Lists.PageRequest(0, 20))).Items);
        Assert.Equal((caseId, 120_030L, true), (row.Id, row.PaidFen, row.Overdue));
        var year = await queries.YearAsync(today.AddDays(-5).Year);
        Assert.Equal(120_030, year.Cases.Single(c => c.Type == CaseType.MedicalRelief).PaidFen);

        using var db = App.Database.CreateContext();
        var history = await db.AuditEntries.Where(a => a.RetireeId == _world.InUnitB.Id && a.Action == AuditAction.Create)
            .Select(a => a.EntityType).ToListAsync();
        Assert.Equal(1, history.Count(e => e == nameof(WelfareCase)));
        Assert.Equal(1, history.Count(e => e == nameof(CaseFollowUp)));
        Assert.Equal(2, history.Count(e => e == nameof(CasePayment)));
    }

    [Fact]
    public async Task Amounts_and_dates_that_cannot_be_right_are_refused_with_the_field_named_and_nothing_saved()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, _) = Services(scope);
        var today = commands.Today;
        var caseId = await OpenAsync(commands, _world.InUnitB.Id, today.AddDays(-30));

        foreach (var amount in new[] { "-5", "0", "abc", "12.345", "300000" })
        {
            var result = await commands.AddPaymentAsync(caseId, new PaymentForm { PaidOn = today, Amount = amount, ApprovedBy = "王主任" }, confirmed: true);
            Assert.Equal(nameof(PaymentForm.Amount), Assert.Single(result.FieldErrors).Field);
        }

        var early = await commands.AddFollowUpAsync(caseId, new FollowUpForm { Date = today.AddDays(-31), Note = "立案前" });
        Assert.Equal([(nameof(FollowUpForm.Date), $"回访日期不能早于立案日期（{today.AddDays(-30):yyyy-MM-dd}）。")], early.FieldErrors.Select(e => (e.Field, e.Message)));
        var future = await commands.AddPaymentAsync(caseId, new PaymentForm { PaidOn = today.AddDays(1), Amount = "100", ApprovedBy = "王主任" }, confirmed: false);
        Assert.Equal("发放日期不能晚于今天。", Assert.Single(future.FieldErrors).Message);

        // Over the configured amount: asked again, saved only when confirmed.
        var large = new PaymentForm { PaidOn = today, Amount = "8000", ApprovedBy = "王主任" };
        Assert.True((await commands.AddPaymentAsync(caseId, large, confirmed: false)).NeedsConfirmation);
        using (var db = App.Database.CreateContext())
        {
            Assert.Equal(0, await db.Set<CasePayment>().CountAsync(p => p.CaseId == caseId));
        }

        Assert.True((await commands.AddPaymentAsync(caseId, large, confirmed: true)).Succeeded);

        // Closed: no more payments or follow-ups.
        var version = await VersionAsync(caseId);
        Assert.True((await commands.CloseCaseAsync(caseId, new CloseCaseForm { ClosedOn = today, Reason = "病情好转", Version = version })).Succeeded);
        var afterClose = await commands.AddPaymentAsync(caseId, new PaymentForm { PaidOn = today, Amount = "100", ApprovedBy = "王主任" }, confirmed: true);
        Assert.Equal(CommandOutcome.Refused, afterClose.Outcome);
        Assert.Contains("已结案", afterClose.Message, StringComparison.Ordinal);

        using var check = App.Database.CreateContext();
        Assert.Equal([800_000L], await check.Set<CasePayment>().Where(p => p.CaseId == caseId).Select(p => p.AmountFen).ToListAsync());
    }

    [Fact]
    public async Task Two_people_closing_the_same_case_at_once_one_closes_it_the_other_is_told()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, _) = Services(scope);
        var caseId = await OpenAsync(commands, _world.InUnitA.Id, commands.Today.AddDays(-3));
        var version = await VersionAsync(caseId);

        var first = await commands.CloseCaseAsync(caseId, new CloseCaseForm { ClosedOn = commands.Today, Reason = "困难解除", Version = version });
        var second = await commands.CloseCaseAsync(caseId, new CloseCaseForm { ClosedOn = commands.Today, Reason = "重复", Version = version });

        Assert.True(first.Succeeded);
        Assert.True(second.Stale);
    }

    [Fact]
    public async Task A_unit_officer_works_only_on_their_units_people_and_a_group_leader_and_leadership_cannot_write()
    {
        int caseInB;
        await using (var staffScope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            caseInB = await OpenAsync(Services(staffScope).Commands, _world.InUnitB.Id, DateOnly.FromDateTime(DateTime.Today).AddDays(-3));
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]))
        {
            var (commands, queries) = Services(scope);
            Assert.True((await OpenAsync(commands, _world.InUnitA.Id, commands.Today)) > 0);
            var tampered = await commands.OpenCaseAsync(CaseFor(_world.InUnitB.Id, commands.Today));
            Assert.True(tampered.NotFound);
            Assert.True((await commands.AddPaymentAsync(caseInB, new PaymentForm { PaidOn = commands.Today, Amount = "100", ApprovedBy = "某" }, false)).NotFound);
            Assert.True((await commands.RecordVisitAsync(VisitFor(_world.InUnitB.Id, commands.Today))).NotFound);
            Assert.Null(await queries.GetCaseAsync(caseInB));
            Assert.Empty(await queries.CasesOfAsync(_world.InUnitB.Id));
            Assert.DoesNotContain((await queries.ListCasesAsync(new CaseFilter(), new Web.Platform.Lists.PageRequest(0, 50))).Items, c => c.Id == caseInB);
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.Leadership]))
        {
            var (commands, queries) = Services(scope);
            Assert.NotNull(await queries.GetCaseAsync(caseInB));
            Assert.Equal(CommandOutcome.Refused, (await commands.RecordVisitAsync(VisitFor(_world.InUnitB.Id, commands.Today))).Outcome);
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.GroupLeader]))
        {
            var (_, queries) = Services(scope);
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queries.CasesOfAsync(_world.InGroupA.Id));
        }

        using var db = App.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.AccessDenied && a.RetireeId == _world.InUnitB.Id && a.UserName == _world[UserRole.UnitOfficer].UserName));
        Assert.Equal(0, await db.Set<CasePayment>().CountAsync()); // the officer's payment on the other unit's case was not saved
    }

    [Fact]
    public async Task A_recorded_death_raises_one_condolence_task_and_the_condolence_visit_closes_it()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, queries) = Services(scope);
        var register = scope.ServiceProvider.GetRequiredService<RegisterCommands>();
        var today = commands.Today;
        var openCase = await OpenAsync(commands, _world.InUnitA.Id, today.AddDays(-60));

        // Visits while alive; then the death is recorded in the register.
        Assert.True((await commands.RecordVisitAsync(VisitFor(_world.InUnitA.Id, today.AddDays(-20), VisitOccasion.Illness))).Succeeded);
        var condolenceTooEarly = await commands.RecordVisitAsync(VisitFor(_world.InUnitA.Id, today, VisitOccasion.Condolence));
        Assert.Equal(nameof(VisitForm.Occasion), Assert.Single(condolenceTooEarly.FieldErrors).Field);
        await RecordDeathAsync(register, scope, today.AddDays(-10));
        await RecordDeathAsync(register, scope, today.AddDays(-10)); // saved again: still one task

        var work = await queries.CondolenceWorkAsync();
        Assert.Equal(_world.InUnitA.Id, Assert.Single(work.Waiting).RetireeId);
        Assert.Equal(openCase, Assert.Single(work.OpenCasesOfDeceased).Id);

        // After the death only a condolence, and not before the death date.
        var afterDeath = await commands.RecordVisitAsync(VisitFor(_world.InUnitA.Id, today.AddDays(-5), VisitOccasion.Birthday));
        Assert.Contains("去世后只能登记吊唁慰问", Assert.Single(afterDeath.FieldErrors).Message, StringComparison.Ordinal);
        var beforeDeath = await commands.RecordVisitAsync(VisitFor(_world.InUnitA.Id, today.AddDays(-11), VisitOccasion.Condolence));
        Assert.Equal(nameof(VisitForm.VisitedOn), Assert.Single(beforeDeath.FieldErrors).Field);
        Assert.True((await commands.RecordVisitAsync(VisitFor(_world.InUnitA.Id, today.AddDays(-3), VisitOccasion.Condolence))).Succeeded);

        Assert.Empty((await queries.CondolenceWorkAsync()).Waiting);
        var year = await queries.YearAsync(today.AddDays(-3).Year);
        Assert.Equal(1, year.Condolences);
        Assert.Equal(1, year.PeopleVisited);
        Assert.False((await commands.OpenCaseAsync(CaseFor(_world.InUnitA.Id, today))).Succeeded);
    }

    [Fact]
    public async Task Visits_cannot_be_in_the_future_or_before_birth_and_a_double_click_records_one()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, queries) = Services(scope);
        var today = commands.Today;

        Assert.Equal("慰问日期不能晚于今天。", Assert.Single((await commands.RecordVisitAsync(VisitFor(_world.InUnitB.Id, today.AddDays(1)))).FieldErrors).Message);
        Assert.Equal("慰问日期不能早于这位老师的出生日期。", Assert.Single((await commands.RecordVisitAsync(VisitFor(_world.InUnitB.Id, new DateOnly(1900, 1, 1)))).FieldErrors).Message);

        var results = new[] { await commands.RecordVisitAsync(VisitFor(_world.InUnitB.Id, today)), await commands.RecordVisitAsync(VisitFor(_world.InUnitB.Id, today)) };
        Assert.Single(results, r => r.Succeeded);
        Assert.Contains("已经登记过了", results.Single(r => !r.Succeeded).Message, StringComparison.Ordinal);
        var visit = Assert.Single(await queries.VisitsOfAsync(_world.InUnitB.Id));
        Assert.Equal(50_000, visit.AmountFen);
    }

    [Fact]
    public async Task A_pairing_runs_from_its_start_and_visits_made_under_it_count_only_while_it_lasts()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]);
        var (commands, queries) = Services(scope);
        var today = commands.Today;
        Assert.True((await commands.AddPairingAsync(new PairingForm { RetireeId = _world.InUnitA.Id, Volunteer = "李青年", Kind = VolunteerKind.YoungTeacher, StartsOn = today.AddDays(-30) })).Succeeded);
        Assert.True((await commands.AddPairingAsync(new PairingForm { RetireeId = _world.InUnitB.Id, Volunteer = "外单位", Kind = VolunteerKind.PartyMember, StartsOn = today })).NotFound);
        var pairing = Assert.Single(await queries.PairingsOfAsync(_world.InUnitA.Id));

        var before = VisitFor(_world.InUnitA.Id, today.AddDays(-31), VisitOccasion.Other);
        before.PairingId = pairing.Id;
        Assert.Equal(nameof(VisitForm.PairingId), Assert.Single((await commands.RecordVisitAsync(before)).FieldErrors).Field);
        var during = VisitFor(_world.InUnitA.Id, today.AddDays(-2), VisitOccasion.Other);
        during.PairingId = pairing.Id;
        Assert.True((await commands.RecordVisitAsync(during)).Succeeded);

        Assert.True((await commands.EndPairingAsync(pairing.Id, today)).Succeeded);
        Assert.True((await commands.EndPairingAsync(pairing.Id, today)).Stale);
        var ended = Assert.Single(await queries.PairingsOfAsync(_world.InUnitA.Id));
        Assert.Equal((today, 1), (ended.EndsOn!.Value, ended.Visits));
    }

    private static (WelfareCommands Commands, WelfareQueries Queries) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<WelfareCommands>(), scope.ServiceProvider.GetRequiredService<WelfareQueries>());

    private static CaseForm CaseFor(int retireeId, DateOnly openedOn) => new()
    {
        RetireeId = retireeId, Type = CaseType.MedicalRelief, Reason = "长期患病，医疗费负担重", Officer = "张丽", OpenedOn = openedOn,
    };

    private static VisitForm VisitFor(int retireeId, DateOnly on, VisitOccasion occasion = VisitOccasion.SpringFestival) => new()
    {
        RetireeId = retireeId, VisitedOn = on, Occasion = occasion, Visitors = "张丽、王主任", Gift = "米、油", Amount = "500",
    };

    private static async Task<int> OpenAsync(WelfareCommands commands, int retireeId, DateOnly openedOn)
    {
        var opened = await commands.OpenCaseAsync(CaseFor(retireeId, openedOn));
        Assert.True(opened.Succeeded, string.Join(" ", opened.Errors));
        return opened.Value;
    }

    private async Task<long> VersionAsync(int caseId)
    {
        using var db = App.Database.CreateContext();
        return await db.Set<WelfareCase>().Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync();
    }

    private async Task RecordDeathAsync(RegisterCommands register, AsyncServiceScope scope, DateOnly died)
    {
        var retiree = await scope.ServiceProvider.GetRequiredService<RegisterQueries>().GetAsync(_world.InUnitA.Id);
        var form = RetireeForm.From(retiree!);
        form.IsDeceased = true;
        form.DeathDate = died;
        var saved = await register.SaveAsync(form);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors));
    }
}
