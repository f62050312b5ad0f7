using Intranet.Domain.Accounts;
using Intranet.Domain.Activities;
using Intranet.Domain.Data;
using Intranet.Web.Accounts;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Activities;

/// <summary>
/// Activities' reads. Activities themselves are open to everyone who reads the programmes; the people invited are
/// the signed-in person's scope (a unit officer sees and counts their own unit's people).
/// </summary>
public sealed class ActivityQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, TimeProvider time)
{
    public const string DistrictOfficeName = "区退管会";

    /// <summary>The most couples the eligible list shows at once.</summary>
    public const int EligibleLimit = 300;

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>Whether the signed-in person may create an activity: district staff, or a unit officer for their unit.</summary>
    public bool MayCreate => ActivityAccess.MayCreate(user);

    /// <summary>The unit a unit officer's activities are organised by; none for district staff.</summary>
    public int? OwnUnitId => user.Scope.Kind == ScopeKind.Unit && !user.MayManageProgrammes() ? user.Scope.UnitId : null;

    public async Task<PagedResult<ActivityListItem>> ListAsync(ActivityFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.Set<Activity>().AsNoTracking(), filter);
        var total = page.KnownTotal ?? await query.CountAsync(cancellationToken);
        var participants = user.Scope.Apply(db.Set<ActivityParticipant>().AsNoTracking());
        IOrderedQueryable<Activity> sorted = page.SortBy switch
        {
            nameof(ActivityListItem.Title) => page.Descending ? query.OrderByDescending(a => a.Title) : query.OrderBy(a => a.Title),
            nameof(ActivityListItem.Kind) => page.Descending ? query.OrderByDescending(a => a.Kind) : query.OrderBy(a => a.Kind),
            nameof(ActivityListItem.Date) when !page.Descending => query.OrderBy(a => a.Date),
            _ => query.OrderByDescending(a => a.Date),
        };
        var items = await sorted.ThenByDescending(a => a.Id)
            .Skip(Math.Max(page.Skip, 0))
            .Take(Math.Clamp(page.Take, 1, 500))
            .Select(a => new ActivityListItem(
                a.Id, a.Kind, a.Title, a.Date, a.Place, a.OrganiserUnit == null ? null : a.OrganiserUnit.Name,
                participants.Count(p => p.ActivityId == a.Id),
                participants.Count(p => p.ActivityId == a.Id && p.Status == ParticipationStatus.Attended),
                a.GuestCount))
            .ToListAsync(cancellationToken);
        return new PagedResult<ActivityListItem>(items, total);
    }

    internal static IQueryable<Activity> Filter(IQueryable<Activity> query, ActivityFilter filter)
    {
        if (filter.Year is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
            query = query.Where(a => a.Date >= from && a.Date < to);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(a => a.Kind == kind);
        }

        return filter.UnitId switch
        {
            ActivityFilter.DistrictOffice => query.Where(a => a.OrganiserUnitId == null),
            { } unitId => query.Where(a => a.OrganiserUnitId == unitId),
            _ => query,
        };
    }

    public async Task<ActivityView?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<Activity>().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { Activity = a, Organiser = a.OrganiserUnit == null ? null : a.OrganiserUnit.Name })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new ActivityView(found.Activity, found.Organiser, ActivityAccess.MayEdit(user, found.Activity));
    }

    /// <summary>The people invited (in scope), by unit and pinyin.</summary>
    public async Task<IReadOnlyList<ParticipantItem>> ParticipantsAsync(int activityId, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await user.Scope.Apply(db.Set<ActivityParticipant>().AsNoTracking())
            .Where(p => p.ActivityId == activityId)
            .OrderBy(p => p.Retiree!.Unit!.SortOrder).ThenBy(p => p.Retiree!.UnitId).ThenBy(p => p.Retiree!.NamePinyin).ThenBy(p => p.Id)
            .Take(5000)
            .Select(p => new ParticipantItem(
                p.Id, p.RetireeId, p.Retiree!.Name, p.Retiree.Unit!.Name, p.Retiree.IsDeceased, p.SpouseName, p.Retiree.MarriageDate, p.Status, p.Version))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The couples a golden-wedding celebration may invite, in the signed-in person's scope, longest married first;
    /// one SQL query bounded to <paramref name="limit"/> rows (see <see cref="GoldenWedding"/> for the rules).
    /// </summary>
    public async Task<EligibleCouples> EligibleCouplesAsync(int activityId, bool excludeCelebrated = true, int limit = EligibleLimit, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var activity = await db.Set<Activity>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (activity is not { Kind: ActivityKind.GoldenWedding })
        {
            return new EligibleCouples([], false);
        }

        var everyone = db.Retirees.AsNoTracking();
        var take = Math.Clamp(limit, 1, 1000);
        var rows = await GoldenWedding.Eligible(db, user.Scope.Apply(db.Retirees.AsNoTracking()), activityId, activity.Date, excludeCelebrated)
            .OrderBy(r => r.MarriageDate).ThenBy(r => r.NamePinyin).ThenBy(r => r.Id)
            .Take(take + 1)
            .Select(r => new
            {
                r.Id, r.Name, UnitName = r.Unit!.Name, r.SpouseName, MarriageDate = r.MarriageDate!.Value,
                SpouseInRegister = everyone.Any(s => s.Name == r.SpouseName && s.SpouseName == r.Name && s.MarriageDate == r.MarriageDate),
            })
            .ToListAsync(cancellationToken);
        return new EligibleCouples(
            [.. rows.Take(take).Select(r => new EligibleCouple(r.Id, r.Name, r.UnitName, r.SpouseName!, r.SpouseInRegister, r.MarriageDate, GoldenWedding.YearsMarried(r.MarriageDate, activity.Date)))],
            rows.Count > take);
    }

    /// <summary>A person's activities, newest first (the 活动 tab).</summary>
    public async Task<IReadOnlyList<ParticipationItem>> ParticipationsOfAsync(int retireeId, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await user.Scope.Apply(db.Set<ActivityParticipant>().AsNoTracking())
            .Where(p => p.RetireeId == retireeId)
            .OrderByDescending(p => p.Activity!.Date).ThenByDescending(p => p.Id)
            .Take(200)
            .Select(p => new ParticipationItem(p.ActivityId, p.Activity!.Kind, p.Activity.Title, p.Activity.Date, p.Status))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A year's figures, every count in SQL: activities by kind (organised by <paramref name="unitId"/> when given),
    /// invitations and attendance (participants of that unit, in the reader's scope; attendance adds the guests of
    /// the activities counted), and the golden-wedding couples celebrated (invited couples marked attended).
    /// </summary>
    public async Task<ActivityFigures> YearAsync(int year, int? unitId, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FiguresAsync(db, user.Scope, year, unitId, cancellationToken);
    }

    /// <summary>The year's figures as <paramref name="scope"/> sees them, read with no user: the page and the dashboard both come here.</summary>
    internal static async Task<ActivityFigures> FiguresAsync(IntranetDbContext db, AccessScope scope, int year, int? unitId, CancellationToken cancellationToken)
    {
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
        var activities = db.Set<Activity>().AsNoTracking().Where(a => a.Date >= from && a.Date < to);
        var participants = scope.Apply(db.Set<ActivityParticipant>().AsNoTracking())
            .Where(p => p.Activity!.Date >= from && p.Activity.Date < to);
        if (unitId is { } unit)
        {
            activities = activities.Where(a => a.OrganiserUnitId == unit);
            participants = participants.Where(p => p.Retiree!.UnitId == unit);
        }

        var held = await activities.GroupBy(a => a.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count(), Guests = g.Sum(a => a.GuestCount) })
            .ToListAsync(cancellationToken);
        var invited = await participants.GroupBy(p => p.Activity!.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count(), Attended = g.Count(p => p.Status == ParticipationStatus.Attended) })
            .ToListAsync(cancellationToken);

        return new ActivityFigures(
            year,
            unitId,
            [.. Enum.GetValues<ActivityKind>().Select(k => new KindFigure(
                k,
                held.Where(h => h.Kind == k).Sum(h => h.Count),
                invited.Where(i => i.Kind == k).Sum(i => i.Count),
                invited.Where(i => i.Kind == k).Sum(i => i.Attended),
                held.Where(h => h.Kind == k).Sum(h => h.Guests)))],
            invited.Where(i => i.Kind == ActivityKind.GoldenWedding).Sum(i => i.Attended));
    }
}

/// <summary>Who may change which activity: district staff any; a unit officer those their unit organises; nobody else.</summary>
internal static class ActivityAccess
{
    public static bool MayCreate(CurrentUser user) =>
        user.MayManageProgrammes() || (user.Can(Permissions.CanEditRecords) && user.Scope.Kind == ScopeKind.Unit);

    public static bool MayEdit(CurrentUser user, Activity activity) =>
        user.MayManageProgrammes()
        || (user.Can(Permissions.CanEditRecords) && user.Scope.Kind == ScopeKind.Unit && activity.OrganiserUnitId is { } unit && unit == user.Scope.UnitId);
}
