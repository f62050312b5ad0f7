using Intranet.Domain.Contests;
using Intranet.Domain.Contests.Demo;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Contests;

public sealed class DemoContestsGeneratorTests
{
    [Fact]
    public async Task The_demo_has_three_troupes_among_six_clubs_and_the_troupes_awards_of_the_report_each_year()
    {
        using var database = new TestDatabase().Migrated();
        var today = new DateOnly(2026, 11, 22);
        using (var db = database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            var unit = make.Unit();
            make.Retirees(unit, 120);
            make.Retiree(unit, "已故教师", configure: r => { r.IsDeceased = true; r.DeathDate = today.AddYears(-2); });
            await DemoContestsGenerator.SeedAsync(db, today, 2019);
            await DemoContestsGenerator.SeedAsync(db, today, 2019); // again: nothing more
        }

        using var check = database.CreateContext();
        var clubs = await check.Set<Club>().ToListAsync();
        Assert.Equal((6, 3), (clubs.Count, clubs.Count(c => c.Kind == ClubKind.Troupe)));
        Assert.False(await check.Set<ClubMember>().AnyAsync(m => m.Retiree!.IsDeceased));
        Assert.False(await check.Set<ContestEntry>().AnyAsync(e => e.Retiree!.IsDeceased));
        foreach (var year in new[] { 2025, 2026 })
        {
            var troupeAwards = await check.Set<ContestEntry>()
                .Where(e => e.ClubId != null && e.AwardedOn >= new DateOnly(year, 1, 1) && e.AwardedOn <= new DateOnly(year, 12, 31))
                .GroupBy(e => e.AwardLevel).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count);
            Assert.Equal(
                new Dictionary<AwardLevel, int> { [AwardLevel.National] = 5, [AwardLevel.Provincial] = 11, [AwardLevel.City] = 7, [AwardLevel.District] = 3 },
                troupeAwards);
            Assert.True(await check.Set<ContestEntry>().AnyAsync(e => e.AwardLevel == AwardLevel.Internal && e.AwardRank == AwardRank.First && e.AwardedOn!.Value.Year == year));
        }

        // Every result lies within its contest and not after today.
        Assert.False(await check.Set<ContestEntry>().AnyAsync(e => e.AwardedOn > today || e.AwardedOn < e.Contest!.StartsOn));
    }
}
