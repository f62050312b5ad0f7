using Intranet.Domain.Activities;
using Intranet.Domain.Activities.Demo;
using Intranet.Domain.Register.Demo;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Activities;

public sealed class DemoActivitiesTests
{
    [Fact]
    public async Task The_demo_has_two_years_of_each_kind_and_golden_weddings_only_of_living_couples_married_fifty_years()
    {
        using var database = new TestDatabase().Migrated();
        var today = new DateOnly(2026, 11, 22);
        using (var db = database.CreateContext())
        {
            db.AuditTrailEnabled = false;
            await DemoRegisterGenerator.SeedAsync(db, new DemoRegisterOptions(1500, 7), today);
            await DemoActivitiesGenerator.SeedAsync(db, today, 7);
            await DemoActivitiesGenerator.SeedAsync(db, today, 7); // a second start adds nothing
        }

        using var check = database.CreateContext();
        var activities = await check.Set<Activity>().ToListAsync();
        foreach (var year in new[] { 2025, 2026 })
        {
            var kinds = activities.Where(a => a.Date.Year == year).Select(a => a.Kind).Distinct().ToList();
            Assert.All(Enum.GetValues<ActivityKind>().Where(k => k != ActivityKind.Other), k => Assert.Contains(k, kinds));
            Assert.Single(activities, a => a.Date.Year == year && a.Kind == ActivityKind.GoldenWedding);
        }

        Assert.Contains(activities, a => a.OrganiserUnitId is not null);
        var golden = await check.Set<ActivityParticipant>().Where(p => p.Activity!.Kind == ActivityKind.GoldenWedding)
            .Select(p => new { p.Activity!.Date, p.Retiree!.MarriageDate, p.Retiree.IsDeceased, p.Retiree.DeathDate, p.Status, p.SpouseName }).ToListAsync();
        Assert.NotEmpty(golden);
        Assert.All(golden, g => Assert.True(g.MarriageDate <= g.Date.AddYears(-50) && g.SpouseName is not null && (!g.IsDeceased || g.DeathDate > g.Date)));
        Assert.DoesNotContain(await check.Set<ActivityParticipant>().Where(p => p.Status == ParticipationStatus.Attended).Select(p => p.Activity!.Date).ToListAsync(), d => d > today);
    }
}
