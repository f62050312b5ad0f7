using Intranet.Domain.Accounts;
using Intranet.Domain.Contests;
using Intranet.Domain.Data;
using Intranet.Web.Accounts;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Contests;

/// <summary>
/// Reads of clubs, contests and results. Clubs and contests are a catalogue anyone with the programmes may read;
/// members and entries are people's records, read through the signed-in person's scope (a troupe's entries only by
/// district-wide roles).
/// </summary>
public sealed class ContestQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public bool MayManage => user.MayManageProgrammes();

    public bool MayEnter => user.Can(Domain.Accounts.Permissions.CanEditRecords);

    public async Task<IReadOnlyList<ClubItem>> ClubsAsync(CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = user.Scope.Apply(db.Set<ClubMember>().AsNoTracking()).Where(m => m.LeftOn == null && !m.Retiree!.IsDeceased);
        return await db.Set<Club>().AsNoTracking()
            .OrderBy(c => c.IsDisbanded).ThenBy(c => c.Kind).ThenBy(c => c.Name)
            .Select(c => new ClubItem(c.Id, c.Name, c.Kind, c.Leader, c.Meets, c.IsDisbanded, members.Count(m => m.ClubId == c.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A club with its members in scope, current ones first; <c>null</c> when there is none.</summary>
    public async Task<ClubView?> ClubAsync(int id, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var club = await db.Set<Club>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (club is null)
        {
            return null;
        }

        var members = await user.Scope.Apply(db.Set<ClubMember>().AsNoTracking())
            .Where(m => m.ClubId == id)
            .OrderBy(m => m.LeftOn != null).ThenBy(m => m.JoinedOn).ThenBy(m => m.Id)
            .Select(m => new MemberItem(m.Id, m.RetireeId, m.Retiree!.Name, m.Retiree.Unit!.Name, m.Retiree.IsDeceased, m.Role, m.JoinedOn, m.LeftOn, m.Version))
            .ToListAsync(cancellationToken);
        return new ClubView(club, members);
    }

    /// <summary>The troupes still active, for entering a contest.</summary>
    public async Task<IReadOnlyList<Choice>> TroupeChoicesAsync(CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Club>().AsNoTracking().Where(c => c.Kind == ClubKind.Troupe && !c.IsDisbanded)
            .OrderBy(c => c.Name).Select(c => new Choice(c.Id, c.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The contests held (begun or ended) in <paramref name="year"/>, newest first, with their entries and awards in scope.</summary>
    public async Task<IReadOnlyList<ContestItem>> ContestsAsync(int year, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
        var entries = user.Scope.Apply(db.Set<ContestEntry>().AsNoTracking());
        return await db.Set<Contest>().AsNoTracking()
            .Where(c => c.StartsOn < to && c.EndsOn >= from)
            .OrderByDescending(c => c.EndsOn).ThenByDescending(c => c.Id)
            .Select(c => new ContestItem(
                c.Id, c.Title, c.Kind, c.Level, c.Organiser, c.StartsOn, c.EndsOn,
                entries.Count(e => e.ContestId == c.Id), entries.Count(e => e.ContestId == c.Id && e.AwardRank != null)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A contest with its entries in scope, or <c>null</c>.</summary>
    public async Task<ContestView?> ContestAsync(int id, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contest = await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contest is null)
        {
            return null;
        }

        var entries = await user.Scope.Apply(db.Set<ContestEntry>().AsNoTracking())
            .Where(e => e.ContestId == id)
            .OrderBy(e => e.AwardRank == null).ThenBy(e => e.AwardLevel).ThenBy(e => e.AwardRank).ThenBy(e => e.Id)
            .Select(e => new EntryItem(
                e.Id, e.RetireeId, e.ClubId, e.RetireeId != null ? e.Retiree!.Name : e.Club!.Name,
                e.RetireeId != null ? e.Retiree!.Unit!.Name : "艺术团",
                e.Title, e.AwardLevel, e.AwardRank, e.AwardedOn, e.Version))
            .ToListAsync(cancellationToken);
        return new ContestView(contest, entries);
    }

    /// <summary>The 荣誉 tab: a person's entries and results, newest first, and the clubs they belong or belonged to.</summary>
    public async Task<HonoursView> HonoursOfAsync(int retireeId, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await user.Scope.Apply(db.Set<ContestEntry>().AsNoTracking())
            .Where(e => e.RetireeId == retireeId)
            .OrderByDescending(e => e.Contest!.EndsOn).ThenByDescending(e => e.Id)
            .Select(e => new HonourItem(e.Id, e.ContestId, e.Contest!.Title, e.Contest.Level, e.Contest.EndsOn, e.Title, e.AwardLevel, e.AwardRank, e.AwardedOn))
            .ToListAsync(cancellationToken);
        var clubs = await user.Scope.Apply(db.Set<ClubMember>().AsNoTracking())
            .Where(m => m.RetireeId == retireeId)
            .OrderBy(m => m.LeftOn != null).ThenByDescending(m => m.JoinedOn)
            .Select(m => new MembershipItem(m.ClubId, m.Club!.Name, m.Club.Kind, m.Role, m.JoinedOn, m.LeftOn))
            .ToListAsync(cancellationToken);
        return new HonoursView(entries, clubs);
    }

    /// <summary>
    /// A year's awards: every entry whose result was announced (<see cref="ContestEntry.AwardedOn"/>) in
    /// <paramref name="year"/>, counted in SQL by level and rank, per contest and per troupe, with the latest results.
    /// With <paramref name="unitId"/> only that unit's retirees' entries count (troupes belong to no unit); without it
    /// everything in the signed-in person's scope, troupes included for district-wide roles.
    /// </summary>
    public async Task<ContestFigures> YearAsync(int year, int? unitId, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FiguresAsync(db, user.Scope, year, unitId, cancellationToken);
    }

    /// <summary>The year's results as <paramref name="scope"/> sees them, read with no user: the page and the dashboard both come here.</summary>
    internal static async Task<ContestFigures> FiguresAsync(IntranetDbContext db, AccessScope scope, int year, int? unitId, CancellationToken cancellationToken)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
        var awards = scope.Apply(db.Set<ContestEntry>().AsNoTracking())
            .Where(e => e.AwardedOn >= from && e.AwardedOn < to && e.AwardLevel != null && e.AwardRank != null);
        if (unitId is { } unit)
        {
            awards = awards.Where(e => e.RetireeId != null && e.Retiree!.UnitId == unit);
        }

        var byLevelAndRank = await awards.GroupBy(e => new { e.AwardLevel, e.AwardRank })
            .Select(g => new { g.Key.AwardLevel, g.Key.AwardRank, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byContest = await awards.GroupBy(e => new { e.ContestId, e.AwardRank })
            .Select(g => new { g.Key.ContestId, g.Key.AwardRank, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byTroupe = await awards.Where(e => e.ClubId != null).GroupBy(e => new { e.ClubId, e.AwardLevel })
            .Select(g => new { g.Key.ClubId, g.Key.AwardLevel, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var contestIds = byContest.Select(c => c.ContestId).Distinct().ToList();
        var contests = await db.Set<Contest>().AsNoTracking().Where(c => contestIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Title, c.Kind, c.Level, c.EndsOn }).ToListAsync(cancellationToken);
        var clubIds = byTroupe.Select(t => t.ClubId!.Value).Distinct().ToList();
        var clubs = await db.Set<Club>().AsNoTracking().Where(c => clubIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
        var latest = await awards
            .OrderByDescending(e => e.AwardedOn).ThenByDescending(e => e.Id)
            .Take(LatestCount)
            .Select(e => new LatestResult(
                e.Id, e.ContestId, e.Contest!.Title, e.RetireeId, e.ClubId, e.RetireeId != null ? e.Retiree!.Name : e.Club!.Name,
                e.Title, e.AwardLevel!.Value, e.AwardRank!.Value, e.AwardedOn!.Value))
            .ToListAsync(cancellationToken);

        RankCounts Ranks(Func<AwardRank, int> count) => new(
            count(AwardRank.First), count(AwardRank.Second), count(AwardRank.Third), count(AwardRank.Excellence), count(AwardRank.Participation));
        LevelCounts Levels(Func<AwardLevel, int> count) => new(
            count(AwardLevel.National), count(AwardLevel.Provincial), count(AwardLevel.City), count(AwardLevel.District), count(AwardLevel.Internal));

        return new ContestFigures(
            year,
            unitId,
            Levels(l => byLevelAndRank.Where(x => x.AwardLevel == l).Sum(x => x.Count)),
            Ranks(r => byLevelAndRank.Where(x => x.AwardRank == r).Sum(x => x.Count)),
            [.. Enum.GetValues<AwardLevel>().Select(l => new LevelRanks(l, Ranks(r => byLevelAndRank.Where(x => x.AwardLevel == l && x.AwardRank == r).Sum(x => x.Count))))],
            [.. contests.OrderByDescending(c => c.EndsOn).ThenBy(c => c.Id).Select(c => new ContestFigure(
                c.Id, c.Title, c.Kind, c.Level, Ranks(r => byContest.Where(x => x.ContestId == c.Id && x.AwardRank == r).Sum(x => x.Count))))],
            [.. clubs.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new TroupeFigure(
                c.Id, c.Name, Levels(l => byTroupe.Where(x => x.ClubId == c.Id && x.AwardLevel == l).Sum(x => x.Count))))],
            latest);
    }

    public const int LatestCount = 10;
}

public sealed record ClubItem(int Id, string Name, ClubKind Kind, string? Leader, string? Meets, bool IsDisbanded, int CurrentMembers);

public sealed record MemberItem(int Id, int RetireeId, string Name, string UnitName, bool Deceased, string? Role, DateOnly JoinedOn, DateOnly? LeftOn, long Version);

public sealed record ClubView(Club Club, IReadOnlyList<MemberItem> Members);

public sealed record ContestItem(int Id, string Title, ContestKind Kind, AwardLevel Level, string? Organiser, DateOnly StartsOn, DateOnly EndsOn, int Entries, int Awards);

/// <summary>An entry as the contest's page lists it: the entrant (a person with their unit, or a troupe) and the result if any.</summary>
public sealed record EntryItem(
    int Id, int? RetireeId, int? ClubId, string EntrantName, string EntrantUnit, string Title,
    AwardLevel? AwardLevel, AwardRank? AwardRank, DateOnly? AwardedOn, long Version);

public sealed record ContestView(Contest Contest, IReadOnlyList<EntryItem> Entries);

public sealed record HonourItem(
    int EntryId, int ContestId, string ContestTitle, AwardLevel ContestLevel, DateOnly ContestEndsOn, string Title,
    AwardLevel? AwardLevel, AwardRank? AwardRank, DateOnly? AwardedOn);

public sealed record MembershipItem(int ClubId, string ClubName, ClubKind Kind, string? Role, DateOnly JoinedOn, DateOnly? LeftOn);

public sealed record HonoursView(IReadOnlyList<HonourItem> Entries, IReadOnlyList<MembershipItem> Clubs);

/// <summary>Awards counted by rank: 一等奖, 二等奖, 三等奖, 优秀奖, 参与奖.</summary>
public sealed record RankCounts(int First, int Second, int Third, int Excellence, int Participation)
{
    public int Total => First + Second + Third + Excellence + Participation;

    public int this[AwardRank rank] => rank switch
    {
        AwardRank.First => First,
        AwardRank.Second => Second,
        AwardRank.Third => Third,
        AwardRank.Excellence => Excellence,
        _ => Participation,
    };
}

/// <summary>Awards counted by level: 国家级, 省级, 市级, 区级, 系统内.</summary>
public sealed record LevelCounts(int National, int Provincial, int City, int District, int Internal)
{
    public int Total => National + Provincial + City + District + Internal;

    public int this[AwardLevel level] => level switch
    {
        AwardLevel.National => National,
        AwardLevel.Provincial => Provincial,
        AwardLevel.City => City,
        AwardLevel.District => District,
        _ => Internal,
    };
}

/// <summary>One level's awards by rank (a row of the level × rank table).</summary>
public sealed record LevelRanks(AwardLevel Level, RankCounts Ranks);

/// <summary>A contest's awards in the year, by rank.</summary>
public sealed record ContestFigure(int ContestId, string Title, ContestKind Kind, AwardLevel Level, RankCounts Ranks);

/// <summary>A troupe's awards in the year, by level.</summary>
public sealed record TroupeFigure(int ClubId, string Name, LevelCounts Awards);

public sealed record LatestResult(
    int EntryId, int ContestId, string ContestTitle, int? RetireeId, int? ClubId, string EntrantName, string Title,
    AwardLevel Level, AwardRank Rank, DateOnly AwardedOn);

/// <summary>
/// A year of contest results (counted by the day each result was announced), for the office's page and the
/// leadership dashboard: awards by level, prizes by rank, the level × rank table (every level, zeros included), per
/// contest, per troupe (only when no unit was chosen), and the latest results.
/// </summary>
public sealed record ContestFigures(
    int Year,
    int? UnitId,
    LevelCounts ByLevel,
    RankCounts ByRank,
    IReadOnlyList<LevelRanks> ByLevelAndRank,
    IReadOnlyList<ContestFigure> ByContest,
    IReadOnlyList<TroupeFigure> ByTroupe,
    IReadOnlyList<LatestResult> Latest)
{
    public int Awards => ByRank.Total;
}
