using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Contests;
using Intranet.Domain.Register;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Contests;
using Intranet.Web.Platform.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Contests;

public sealed class ContestCommandsTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task The_years_figures_count_every_award_once_by_level_rank_contest_and_troupe_for_any_year_and_unit()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, queries) = Services(scope);
        var year = commands.Today.Year - 1;
        var troupe = await ClubAsync(commands, "合唱艺术团", ClubKind.Troupe);
        var city = await ContestAsync(commands, "市老年合唱比赛", AwardLevel.City, new DateOnly(year, 5, 1), new DateOnly(year, 5, 20));
        var own = await ContestAsync(commands, "系统内书画比赛", AwardLevel.Internal, new DateOnly(year, 3, 1), new DateOnly(year, 6, 1));
        var lastYear = await ContestAsync(commands, "前一年征文", AwardLevel.District, new DateOnly(year - 1, 11, 1), new DateOnly(year - 1, 12, 1));

        // This year: unit A 2 first + 1 second (internal), unit B 1 third (internal), the troupe 1 provincial first (a higher round)
        // and 1 city excellence; a result announced in January of the next year counts there; an entry without a result not at all.
        await AwardAsync(commands, own, _world.InUnitA.Id, null, AwardLevel.Internal, AwardRank.First, new DateOnly(year, 6, 1));
        await AwardAsync(commands, own, _world.InGroupA.Id, null, AwardLevel.Internal, AwardRank.First, new DateOnly(year, 6, 1));
        await AwardAsync(commands, own, _world.InUnitA.Id, null, AwardLevel.Internal, AwardRank.Second, new DateOnly(year, 6, 1), "第二幅");
        await AwardAsync(commands, own, _world.InUnitB.Id, null, AwardLevel.Internal, AwardRank.Third, new DateOnly(year, 6, 2));
        await AwardAsync(commands, city, null, troupe, AwardLevel.Provincial, AwardRank.First, new DateOnly(year, 5, 20));
        await AwardAsync(commands, city, null, troupe, AwardLevel.City, AwardRank.Excellence, new DateOnly(year, 5, 20), "《茉莉花》");
        await AwardAsync(commands, city, _world.InUnitB.Id, null, AwardLevel.City, AwardRank.Second, new DateOnly(year + 1, 1, 3), "次年公布");
        await AwardAsync(commands, lastYear, _world.InUnitA.Id, null, AwardLevel.District, AwardRank.Participation, new DateOnly(year - 1, 12, 1));
        Assert.True((await commands.AddEntryAsync(own, Entry(_world.InUnitB.Id, null, "未获奖"))).Succeeded);

        var all = await queries.YearAsync(year, null);
        Assert.Equal(6, all.Awards);
        Assert.Equal(new LevelCounts(0, 1, 1, 0, 4), all.ByLevel);
        Assert.Equal(new RankCounts(3, 1, 1, 1, 0), all.ByRank);
        Assert.Equal(new RankCounts(2, 1, 1, 0, 0), all.ByLevelAndRank.Single(l => l.Level == AwardLevel.Internal).Ranks);
        Assert.Equal(new RankCounts(1, 0, 0, 0, 0), all.ByLevelAndRank.Single(l => l.Level == AwardLevel.Provincial).Ranks);
        Assert.Equal(5, all.ByLevelAndRank.Count);
        Assert.Equal(
            [(city, new RankCounts(1, 0, 0, 1, 0)), (own, new RankCounts(2, 1, 1, 0, 0))],
            all.ByContest.Select(c => (c.ContestId, c.Ranks)).OrderBy(c => c.ContestId == own));
        Assert.Equal((troupe, new LevelCounts(0, 1, 1, 0, 0)), Assert.Single(all.ByTroupe) is var t ? (t.ClubId, t.Awards) : default);
        Assert.Equal(6, all.Latest.Count);
        Assert.Equal(new DateOnly(year, 6, 2), all.Latest[0].AwardedOn);

        var unitA = await queries.YearAsync(year, _world.UnitA.Id);
        Assert.Equal((3, new RankCounts(2, 1, 0, 0, 0)), (unitA.Awards, unitA.ByRank));
        Assert.Empty(unitA.ByTroupe);
        Assert.Equal(new RankCounts(0, 1, 0, 0, 0), (await queries.YearAsync(year + 1, _world.UnitB.Id)).ByRank);
        Assert.Equal(new LevelCounts(0, 0, 0, 1, 0), (await queries.YearAsync(year - 1, null)).ByLevel);
        Assert.Equal(0, (await queries.YearAsync(year - 5, null)).Awards);

        // A unit officer's figures are their unit's, whatever unit they ask for; troupes are not theirs.
        await using var officerScope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]);
        var officer = Services(officerScope).Queries;
        var mine = await officer.YearAsync(year, null);
        Assert.Equal((3, 0), (mine.Awards, mine.ByTroupe.Count));
        Assert.Equal(0, (await officer.YearAsync(year, _world.UnitB.Id)).Awards);
    }

    [Fact]
    public async Task Wrong_entries_and_results_are_refused_in_Chinese_and_nothing_is_half_saved()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, queries) = Services(scope);
        var today = commands.Today;
        var salon = await ClubAsync(commands, "摄影沙龙", ClubKind.Salon);
        var troupe = await ClubAsync(commands, "舞蹈艺术团", ClubKind.Troupe);
        var first = await ContestAsync(commands, "区健身展示", AwardLevel.District, today.AddDays(-20), today.AddDays(-10));
        var second = await ContestAsync(commands, "系统内征文", AwardLevel.Internal, today.AddDays(-20), today.AddDays(-10));
        int deceasedId;
        using (var db = App.Database.CreateContext())
        {
            deceasedId = new RegisterBuilder(db).Retiree(_world.UnitA, "已故老师", configure: r => { r.IsDeceased = true; r.DeathDate = today.AddYears(-1); }).Id;
        }

        var backwards = await commands.SaveContestAsync(null, new ContestForm { Title = "倒过来的比赛", Kind = ContestKind.Essay, Level = AwardLevel.City, StartsOn = today, EndsOn = today.AddDays(-1) });
        Assert.Equal([(nameof(ContestForm.EndsOn), "结束日期不能早于开始日期。")], backwards.FieldErrors.Select(e => (e.Field, e.Message)));

        var deceased = await commands.AddEntryAsync(first, Entry(deceasedId, null));
        Assert.Equal([(nameof(EntryForm.RetireeId), "已故老师已故，不能登记为新的参赛者。")], deceased.FieldErrors.Select(e => (e.Field, e.Message)));
        var both = await commands.AddEntryAsync(first, Entry(_world.InUnitA.Id, troupe));
        var neither = await commands.AddEntryAsync(first, Entry(null, null));
        Assert.All([both, neither], r => Assert.Equal("参赛者须是一位退休教工或一个艺术团，二者选其一。", Assert.Single(r.FieldErrors).Message));
        var notTroupe = await commands.AddEntryAsync(first, Entry(null, salon));
        Assert.Equal(nameof(EntryForm.ClubId), Assert.Single(notTroupe.FieldErrors).Field);
        Assert.Contains("不是艺术团", notTroupe.FieldErrors[0].Message, StringComparison.Ordinal);

        // A double click: one entry, and the second is told.
        var clicks = new[] { await commands.AddEntryAsync(first, Entry(null, troupe)), await commands.AddEntryAsync(first, Entry(null, troupe)) };
        Assert.Single(clicks, c => c.Succeeded);
        Assert.Contains("已经登记过了", clicks.Single(c => !c.Succeeded).Message, StringComparison.Ordinal);
        var entryId = clicks.Single(c => c.Succeeded).Value;
        var version = await EntryVersionAsync(entryId);

        // A result sent for the entry under another contest is refused and logged.
        var wrongContest = await commands.RecordResultAsync(second, entryId, Result(AwardLevel.District, AwardRank.First, today, version));
        Assert.Equal((CommandOutcome.Refused, "这件参赛作品不属于本次比赛，结果未保存。"), (wrongContest.Outcome, wrongContest.Message));
        var lower = await commands.RecordResultAsync(first, entryId, Result(AwardLevel.Internal, AwardRank.First, today, version));
        Assert.Equal("获奖级别不能低于比赛本身的级别（区级）。", Assert.Single(lower.FieldErrors).Message);
        var early = await commands.RecordResultAsync(first, entryId, Result(AwardLevel.District, AwardRank.First, today.AddDays(-21), version));
        Assert.Equal(nameof(ResultForm.AwardedOn), Assert.Single(early.FieldErrors).Field);
        var future = await commands.RecordResultAsync(first, entryId, Result(AwardLevel.District, AwardRank.First, today.AddDays(1), version));
        Assert.Equal("获奖日期不能晚于今天。", Assert.Single(future.FieldErrors).Message);

        // Two people saving the same result: one saves, the other is told it changed.
        var saved = await commands.RecordResultAsync(first, entryId, Result(AwardLevel.District, AwardRank.First, today, version));
        var stale = await commands.RecordResultAsync(first, entryId, Result(AwardLevel.District, AwardRank.Second, today, version));
        Assert.True(saved.Succeeded);
        Assert.True(stale.Stale);
        Assert.Contains("刚被他人修改", stale.Message, StringComparison.Ordinal);

        var duplicateClub = await commands.SaveClubAsync(null, new ClubForm { Name = " 摄影沙龙 ", Kind = ClubKind.Club });
        Assert.Equal("已有名为“摄影沙龙”的社团。", Assert.Single(duplicateClub.FieldErrors).Message);
        var contestVersion = (await queries.ContestAsync(first))!.Contest.Version;
        Assert.True((await commands.SaveContestAsync(first, ContestFormFor("区健身展示（改）", AwardLevel.District, today.AddDays(-20), today.AddDays(-10), contestVersion))).Succeeded);
        Assert.True((await commands.SaveContestAsync(first, ContestFormFor("又改", AwardLevel.District, today.AddDays(-20), today.AddDays(-10), contestVersion))).Stale);

        using var check = App.Database.CreateContext();
        var entries = await check.Set<ContestEntry>().AsNoTracking().ToListAsync();
        var only = Assert.Single(entries);
        Assert.Equal((troupe, AwardRank.First, (DateOnly?)today), (only.ClubId!.Value, only.AwardRank!.Value, only.AwardedOn));
        Assert.Equal(2, await check.Set<Contest>().CountAsync());
        Assert.Equal("区健身展示（改）", await check.Set<Contest>().Where(c => c.Id == first).Select(c => c.Title).SingleAsync());
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == AuditAction.AccessDenied && a.EntityType == nameof(ContestEntry)));
    }

    [Fact]
    public async Task Members_join_living_leave_and_rejoin_once_each()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, queries) = Services(scope);
        var today = commands.Today;
        var club = await ClubAsync(commands, "书画社", ClubKind.Club);

        var joins = new[]
        {
            await commands.AddMemberAsync(club, new MemberForm { RetireeId = _world.InUnitA.Id, Role = "社长", JoinedOn = today.AddDays(-100) }),
            await commands.AddMemberAsync(club, new MemberForm { RetireeId = _world.InUnitA.Id, JoinedOn = today.AddDays(-100) }),
        };
        Assert.Single(joins, j => j.Succeeded);
        Assert.Equal("甲单位成员已经是书画社的成员。", joins.Single(j => !j.Succeeded).Message);
        Assert.Equal("加入日期不能晚于今天。", Assert.Single((await commands.AddMemberAsync(club, new MemberForm { RetireeId = _world.InUnitB.Id, JoinedOn = today.AddDays(1) })).FieldErrors).Message);

        var member = Assert.Single((await queries.ClubAsync(club))!.Members);
        Assert.Equal("LeftOn", Assert.Single((await commands.EndMembershipAsync(member.Id, today.AddDays(-101), member.Version)).FieldErrors).Field);
        Assert.True((await commands.EndMembershipAsync(member.Id, today.AddDays(-10), member.Version)).Succeeded);
        Assert.True((await commands.EndMembershipAsync(member.Id, today.AddDays(-10), member.Version)).Stale);
        Assert.Equal(nameof(MemberForm.JoinedOn), Assert.Single((await commands.AddMemberAsync(club, new MemberForm { RetireeId = _world.InUnitA.Id, JoinedOn = today.AddDays(-20) })).FieldErrors).Field);
        Assert.True((await commands.AddMemberAsync(club, new MemberForm { RetireeId = _world.InUnitA.Id, JoinedOn = today })).Succeeded);

        var honours = await queries.HonoursOfAsync(_world.InUnitA.Id);
        var membership = Assert.Single(honours.Clubs);
        Assert.Equal(("书画社", today, (DateOnly?)null), (membership.ClubName, membership.JoinedOn, membership.LeftOn));
    }

    [Fact]
    public async Task Officers_put_in_only_their_units_people_leadership_only_reads_and_group_leaders_are_refused()
    {
        int contest, troupe, club, entryInB;
        await using (var staffScope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            var staff = Services(staffScope).Commands;
            troupe = await ClubAsync(staff, "民乐艺术团", ClubKind.Troupe);
            club = await ClubAsync(staff, "太极拳社", ClubKind.Club);
            contest = await ContestAsync(staff, "市摄影比赛", AwardLevel.City, staff.Today.AddDays(-5), staff.Today);
            entryInB = (await staff.AddEntryAsync(contest, Entry(_world.InUnitB.Id, null))).Value;
            Assert.True((await staff.AddEntryAsync(contest, Entry(null, troupe))).Succeeded);
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]))
        {
            var (commands, queries) = Services(scope);
            var own = await commands.AddEntryAsync(contest, Entry(_world.InUnitA.Id, null));
            Assert.True(own.Succeeded);
            Assert.True((await commands.AddEntryAsync(contest, Entry(_world.InUnitB.Id, null, "越权"))).NotFound);
            Assert.Equal(CommandOutcome.Refused, (await commands.AddEntryAsync(contest, Entry(null, troupe, "越权"))).Outcome);
            Assert.True((await commands.AddMemberAsync(club, new MemberForm { RetireeId = _world.InUnitA.Id, JoinedOn = commands.Today })).Succeeded);
            Assert.True((await commands.AddMemberAsync(club, new MemberForm { RetireeId = _world.InUnitB.Id, JoinedOn = commands.Today })).NotFound);
            Assert.Equal(CommandOutcome.Refused, (await commands.SaveClubAsync(null, new ClubForm { Name = "新社团", Kind = ClubKind.Club })).Outcome);
            Assert.Equal(CommandOutcome.Refused, (await commands.SaveContestAsync(null, ContestFormFor("新比赛", AwardLevel.City, commands.Today, commands.Today, 0))).Outcome);
            Assert.Equal(CommandOutcome.Refused, (await commands.RecordResultAsync(contest, own.Value, Result(AwardLevel.City, AwardRank.First, commands.Today, 0))).Outcome);
            Assert.True((await commands.RemoveEntryAsync(entryInB, 0)).NotFound);

            // Their unit's entries only: neither unit B's person nor the troupe.
            var view = (await queries.ContestAsync(contest))!;
            Assert.Equal([_world.InUnitA.Id], view.Entries.Select(e => e.RetireeId));
            Assert.Empty((await queries.HonoursOfAsync(_world.InUnitB.Id)).Entries);
            Assert.Equal(1, (await queries.ClubsAsync()).Single(c => c.Id == club).CurrentMembers);
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.Leadership]))
        {
            var (commands, queries) = Services(scope);
            Assert.Equal(3, (await queries.ContestAsync(contest))!.Entries.Count);
            Assert.Equal(CommandOutcome.Refused, (await commands.AddEntryAsync(contest, Entry(_world.InUnitB.Id, null, "领导"))).Outcome);
            Assert.Equal(CommandOutcome.Refused, (await commands.AddMemberAsync(club, new MemberForm { RetireeId = _world.InUnitB.Id, JoinedOn = commands.Today })).Outcome);
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.GroupLeader]))
        {
            var (commands, queries) = Services(scope);
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queries.YearAsync(commands.Today.Year, null));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queries.HonoursOfAsync(_world.InGroupA.Id));
            Assert.Equal(CommandOutcome.Refused, (await commands.AddEntryAsync(contest, Entry(_world.InGroupA.Id, null, "组长"))).Outcome);
        }

        using var db = App.Database.CreateContext();
        Assert.Equal(3, await db.Set<ContestEntry>().CountAsync());
        Assert.Equal(1, await db.Set<ClubMember>().CountAsync());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.AccessDenied && a.RetireeId == _world.InUnitB.Id && a.UserName == _world[UserRole.UnitOfficer].UserName));
    }

    [Fact]
    public async Task An_entry_saved_twice_at_the_same_moment_is_kept_once()
    {
        await using var first = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        await using var second = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var today = Services(first).Commands.Today;
        var contest = await ContestAsync(Services(first).Commands, "同时保存的比赛", AwardLevel.District, today.AddDays(-10), today.AddDays(10));

        var results = await Task.WhenAll(
            Task.Run(() => Services(first).Commands.AddEntryAsync(contest, Entry(_world.InUnitB.Id, null))),
            Task.Run(() => Services(second).Commands.AddEntryAsync(contest, Entry(_world.InUnitB.Id, null))));

        Assert.Single(results, r => r.Succeeded);
        using var db = App.Database.CreateContext();
        Assert.Equal(1, await db.Set<ContestEntry>().CountAsync(e => e.ContestId == contest));
    }

    private static (ContestCommands Commands, ContestQueries Queries) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<ContestCommands>(), scope.ServiceProvider.GetRequiredService<ContestQueries>());

    private static EntryForm Entry(int? retireeId, int? clubId, string title = "《春晖》") => new() { RetireeId = retireeId, ClubId = clubId, Title = title };

    private static ResultForm Result(AwardLevel level, AwardRank rank, DateOnly on, long version) => new() { Level = level, Rank = rank, AwardedOn = on, Version = version };

    private static ContestForm ContestFormFor(string title, AwardLevel level, DateOnly starts, DateOnly ends, long version) => new()
    {
        Title = title, Kind = ContestKind.Other, Level = level, Organiser = "区教育局", StartsOn = starts, EndsOn = ends, Version = version,
    };

    private static async Task<int> ClubAsync(ContestCommands commands, string name, ClubKind kind)
    {
        var saved = await commands.SaveClubAsync(null, new ClubForm { Name = name, Kind = kind, Leader = "周老师" });
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors));
        return saved.Value;
    }

    private static async Task<int> ContestAsync(ContestCommands commands, string title, AwardLevel level, DateOnly starts, DateOnly ends)
    {
        var saved = await commands.SaveContestAsync(null, ContestFormFor(title, level, starts, ends, 0));
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors));
        return saved.Value;
    }

    private async Task AwardAsync(ContestCommands commands, int contest, int? retireeId, int? clubId, AwardLevel level, AwardRank rank, DateOnly on, string title = "《春晖》")
    {
        var entry = await commands.AddEntryAsync(contest, Entry(retireeId, clubId, title));
        Assert.True(entry.Succeeded, string.Join(" ", entry.Errors));
        var result = await commands.RecordResultAsync(contest, entry.Value, Result(level, rank, on, await EntryVersionAsync(entry.Value)));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
    }

    private async Task<long> EntryVersionAsync(int entryId)
    {
        using var db = App.Database.CreateContext();
        return await db.Set<ContestEntry>().Where(e => e.Id == entryId).Select(e => e.Version).SingleAsync();
    }
}
