using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Intranet.Domain.Welfare;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Welfare;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Welfare;

public sealed class AidServiceTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task A_health_note_is_read_by_staff_and_the_unit_officer_only_in_the_page_and_in_the_history()
    {
        var person = _world.InUnitA.Id;
        await using (var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]))
        {
            var aid = Aid(scope);
            var year = aid.Today.Year;
            var undated = await aid.SaveHealthCheckAsync(new HealthCheckForm { RetireeId = person, Year = year, Status = HealthCheckStatus.Done });
            Assert.Equal(nameof(HealthCheckForm.CheckedOn), Assert.Single(undated.FieldErrors).Field);
            var wrongYear = await aid.SaveHealthCheckAsync(new HealthCheckForm { RetireeId = person, Year = year, Status = HealthCheckStatus.Done, CheckedOn = new DateOnly(year - 1, 5, 1) });
            Assert.Equal(nameof(HealthCheckForm.CheckedOn), Assert.Single(wrongYear.FieldErrors).Field);
            Assert.True((await aid.SaveHealthCheckAsync(new HealthCheckForm { RetireeId = person, Year = year, Status = HealthCheckStatus.Done, CheckedOn = aid.Today, Note = "血压偏高，建议复查" })).Succeeded);
            Assert.Equal("血压偏高，建议复查", Assert.Single((await aid.RetireeAidAsync(person)).Checks).Note);
            Assert.True((await aid.SaveHealthCheckAsync(new HealthCheckForm { RetireeId = person, Year = year, Status = HealthCheckStatus.Done, CheckedOn = aid.Today, Note = "已复查" })).Succeeded);
            Assert.Single((await aid.RetireeAidAsync(person)).Checks);
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.Leadership]))
        {
            var check = Assert.Single((await Aid(scope).RetireeAidAsync(person)).Checks);
            Assert.Equal(HealthCheckStatus.Done, check.Status);
            Assert.Null(check.Note);

            var history = await scope.ServiceProvider.GetRequiredService<AuditHistoryQueries>().ForRetireeAsync(person, 0, 50);
            var noteChanges = history.Items.SelectMany(l => l.Changes).Where(c => c.Field == nameof(HealthCheck.Note)).ToList();
            Assert.Equal(2, noteChanges.Count);
            Assert.All(noteChanges, c => Assert.Equal(AuditText.NotShown, c.New));
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            var history = await scope.ServiceProvider.GetRequiredService<AuditHistoryQueries>().ForRetireeAsync(person, 0, 50);
            Assert.Contains(history.Items.SelectMany(l => l.Changes), c => c.Field == nameof(HealthCheck.Note) && c.Old == "血压偏高，建议复查" && c.New == "已复查");
        }
    }

    [Fact]
    public async Task A_scheme_counts_its_enrolments_fees_and_claims_in_the_readers_scope()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var aid = Aid(scope);
        var year = aid.Today.Year;
        Assert.True((await aid.CreateSchemeAsync(new SchemeForm { Year = year, Name = "住院补充医疗互助保障", Fee = "120" })).Succeeded);
        Assert.Equal(nameof(SchemeForm.Name), Assert.Single((await aid.CreateSchemeAsync(new SchemeForm { Year = year, Name = "住院补充医疗互助保障", Fee = "120" })).FieldErrors).Field);
        var schemeId = Assert.Single(await aid.SchemesAsync(year)).Id;

        foreach (var person in new[] { _world.InUnitA.Id, _world.InUnitB.Id })
        {
            Assert.True((await aid.EnrolAsync(person, schemeId, aid.Today)).Succeeded);
        }

        Assert.Equal(CommandOutcome.Refused, (await aid.EnrolAsync(_world.InUnitA.Id, schemeId, aid.Today)).Outcome);
        var enrolment = Assert.Single((await aid.RetireeAidAsync(_world.InUnitA.Id)).Enrolments);
        Assert.Equal("ClaimAmount", Assert.Single((await aid.ClaimAsync(enrolment.Id, aid.Today, "-3")).FieldErrors).Field);
        Assert.True((await aid.ClaimAsync(enrolment.Id, aid.Today, "2,000.50")).Succeeded);
        Assert.True((await aid.ClaimAsync(enrolment.Id, aid.Today, "800")).Succeeded);
        var claims = (await aid.RetireeAidAsync(_world.InUnitA.Id)).Enrolments.Single().Claims;
        Assert.True((await aid.DecideAsync(claims[0].Id, paid: true)).Succeeded);
        Assert.True((await aid.DecideAsync(claims[1].Id, paid: false)).Succeeded);
        Assert.True((await aid.DecideAsync(claims[1].Id, paid: true)).Stale);

        var figures = Assert.Single(await aid.SchemesAsync(year));
        Assert.Equal((2, 24_000L, 2, 1, 1, 200_050L), (figures.Enrolled, figures.FeesFen, figures.Claims, figures.Paid, figures.Refused, figures.PaidFen));

        await using var officerScope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]);
        var officerFigures = Assert.Single(await Aid(officerScope).SchemesAsync(year));
        Assert.Equal(1, officerFigures.Enrolled);
        Assert.False((await Aid(officerScope).CreateSchemeAsync(new SchemeForm { Year = year, Name = "大病互助保障", Fee = "60" })).Succeeded);
    }

    private static AidService Aid(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AidService>();
}
