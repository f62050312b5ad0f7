using System.Linq.Expressions;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Welfare;
using Intranet.Web.Accounts;
using Intranet.Web.Platform.Lists;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Welfare;

/// <summary>Welfare's reads. Every query starts from the signed-in person's scope (the person's unit or group).</summary>
public sealed class WelfareQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, TimeProvider time, ListCounts counts, Audit.AuditLog audit)
{
    private static readonly Dictionary<string, Expression<Func<WelfareCase, object?>>> SortKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(CaseListItem.RetireeName)] = c => c.Retiree!.NamePinyin,
        [nameof(CaseListItem.UnitName)] = c => c.Retiree!.Unit!.Name,
        [nameof(CaseListItem.Type)] = c => c.Type,
        [nameof(CaseListItem.Status)] = c => c.Status,
        [nameof(CaseListItem.Officer)] = c => c.Officer,
        [nameof(CaseListItem.OpenedOn)] = c => c.OpenedOn,
        [nameof(CaseListItem.NextFollowUpOn)] = c => c.NextFollowUpOn,
    };

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<PagedResult<CaseListItem>> ListCasesAsync(CaseFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = Today;
        var query = FilterCases(user.Scope.Apply(db.Set<WelfareCase>().AsNoTracking()), filter, today);
        var total = page.KnownTotal ?? await counts.CountAsync(nameof(WelfareCase), (user.Scope, filter, today), query.CountAsync, cancellationToken);

        IQueryable<WelfareCase> sorted = page.SortBy is { } sortBy && SortKeys.TryGetValue(sortBy, out var key)
            ? (page.Descending ? query.OrderByDescending(key) : query.OrderBy(key)).ThenBy(c => c.Id)
            // Follow-ups due first (overdue at the top), then the newest cases.
            : query.OrderBy(c => c.NextFollowUpOn == null).ThenBy(c => c.NextFollowUpOn).ThenByDescending(c => c.OpenedOn).ThenBy(c => c.Id);
        var items = await sorted
            .Skip(page.Skip)
            .Take(Math.Clamp(page.Take, 1, 500))
            .Select(AsListItem(today))
            .ToListAsync(cancellationToken);
        return new PagedResult<CaseListItem>(items, total);
    }

    /// <summary>A case as every list shows it: the person, their unit, what was paid (summed in SQL), and whether a follow-up is overdue on <paramref name="today"/>.</summary>
    private static Expression<Func<WelfareCase, CaseListItem>> AsListItem(DateOnly today) => c => new CaseListItem(
        c.Id, c.RetireeId, c.Retiree!.Name, c.Retiree.Unit!.Name, c.Retiree.IsDeceased, c.Type, c.Status, c.Officer, c.OpenedOn, c.NextFollowUpOn,
        c.Payments.Sum(p => p.AmountFen),
        c.Status != CaseStatus.Closed && c.NextFollowUpOn != null && c.NextFollowUpOn < today);

    internal static IQueryable<WelfareCase> FilterCases(IQueryable<WelfareCase> query, CaseFilter filter, DateOnly today)
    {
        if (filter.Search?.Trim() is { Length: > 0 } term)
        {
            query = query.Where(c => c.Retiree!.Name.Contains(term) || c.Officer.Contains(term));
        }

        if (filter.UnitId is { } unitId)
        {
            query = query.Where(c => c.Retiree!.UnitId == unitId);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(c => c.Type == type);
        }

        query = filter.Status switch
        {
            CaseStatusFilter.Current => query.Where(c => c.Status != CaseStatus.Closed),
            CaseStatusFilter.Open => query.Where(c => c.Status == CaseStatus.Open),
            CaseStatusFilter.Active => query.Where(c => c.Status == CaseStatus.Active),
            CaseStatusFilter.Closed => query.Where(c => c.Status == CaseStatus.Closed),
            _ => query,
        };

        if (filter.OverdueOnly)
        {
            query = query.Where(c => c.Status != CaseStatus.Closed && c.NextFollowUpOn != null && c.NextFollowUpOn < today);
        }

        return query;
    }

    /// <summary>One case with its follow-ups and payments, or <c>null</c> when there is none in scope.</summary>
    public async Task<CaseView?> GetCaseAsync(int id, CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await user.Scope.Apply(db.Set<WelfareCase>().AsNoTracking())
            .Where(c => c.Id == id)
            .Select(c => new { Case = c, RetireeName = c.Retiree!.Name, UnitName = c.Retiree.Unit!.Name, c.Retiree.IsDeceased, c.Retiree.DeathDate })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var followUps = await db.Set<CaseFollowUp>().AsNoTracking().Where(f => f.CaseId == id)
            .OrderByDescending(f => f.Date).ThenByDescending(f => f.Id).ToListAsync(cancellationToken);
        var payments = await db.Set<CasePayment>().AsNoTracking().Where(p => p.CaseId == id)
            .OrderByDescending(p => p.PaidOn).ThenByDescending(p => p.Id).ToListAsync(cancellationToken);
        return new CaseView(found.Case, found.RetireeName, found.UnitName, found.IsDeceased, found.DeathDate, followUps, payments);
    }

    /// <summary>Asking for a case outside one's scope (an id changed in the URL) is a denied access; a case since deleted is not.</summary>
    public async Task LogCaseDeniedAsync(int id, string what, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<WelfareCase>().Where(c => c.Id == id).Select(c => (int?)c.RetireeId).SingleOrDefaultAsync(cancellationToken) is { } retireeId)
        {
            await audit.WriteAsync(new Audit.AuditEvent(Domain.Audit.AuditAction.AccessDenied)
            {
                EntityType = nameof(WelfareCase), EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), RetireeId = retireeId,
                Details = $"试图{what}范围之外的帮扶个案",
            }, cancellationToken);
        }
    }

    /// <summary>A person's cases, newest first, with what was paid on each (the 帮扶 tab).</summary>
    public async Task<IReadOnlyList<CaseListItem>> CasesOfAsync(int retireeId, CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = Today;
        return await user.Scope.Apply(db.Set<WelfareCase>().AsNoTracking())
            .Where(c => c.RetireeId == retireeId)
            .OrderByDescending(c => c.OpenedOn).ThenByDescending(c => c.Id)
            .Select(AsListItem(today))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A person's visits, newest first (the 慰问 tab).</summary>
    public async Task<IReadOnlyList<VisitItem>> VisitsOfAsync(int retireeId, CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await user.Scope.Apply(db.Set<Visit>().AsNoTracking())
            .Where(v => v.RetireeId == retireeId)
            .OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id)
            .Take(200)
            .Select(v => new VisitItem(v.Id, v.VisitedOn, v.Occasion, v.Visitors, v.Gift, v.AmountFen, v.Notes, v.CaseId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A person's pairings, the current ones first.</summary>
    public async Task<IReadOnlyList<PairingItem>> PairingsOfAsync(int retireeId, CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await user.Scope.Apply(db.Set<Pairing>().AsNoTracking())
            .Where(p => p.RetireeId == retireeId)
            .OrderBy(p => p.EndsOn != null).ThenByDescending(p => p.StartsOn)
            .Select(p => new PairingItem(p.Id, p.Volunteer, p.Kind, p.StartsOn, p.EndsOn, db.Set<Visit>().Count(v => v.PairingId == p.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Deaths whose family has not yet had the condolence visit, oldest first, and the deceased's still-open cases.</summary>
    public async Task<CondolenceWork> CondolenceWorkAsync(CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tasks = await user.Scope.Apply(db.Set<CondolenceTask>().AsNoTracking())
            .Where(t => t.VisitId == null)
            .OrderBy(t => t.DeathDate).ThenBy(t => t.Id)
            .Select(t => new CondolenceItem(t.Id, t.RetireeId, t.Retiree!.Name, t.Retiree.Unit!.Name, t.DeathDate))
            .Take(500)
            .ToListAsync(cancellationToken);
        var openCases = await user.Scope.Apply(db.Set<WelfareCase>().AsNoTracking())
            .Where(c => c.Status != CaseStatus.Closed && c.Retiree!.IsDeceased)
            .OrderBy(c => c.Retiree!.DeathDate).ThenBy(c => c.Id)
            .Select(AsListItem(Today))
            .Take(500)
            .ToListAsync(cancellationToken);
        return new CondolenceWork(tasks, openCases);
    }

    /// <summary>The year's figures in scope: what the office reports and the dashboard shows. Every sum is computed in SQL.</summary>
    public async Task<WelfareYear> YearAsync(int year, CancellationToken cancellationToken = default)
    {
        user.DemandWelfare();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
        var visits = user.Scope.Apply(db.Set<Visit>().AsNoTracking()).Where(v => v.VisitedOn >= from && v.VisitedOn < to);
        var byOccasion = await visits.GroupBy(v => v.Occasion)
            .Select(g => new { Occasion = g.Key, Visits = g.Count(), People = g.Select(v => v.RetireeId).Distinct().Count(), Fen = g.Sum(v => v.AmountFen ?? 0) })
            .ToListAsync(cancellationToken);
        var peopleVisited = await visits.Select(v => v.RetireeId).Distinct().CountAsync(cancellationToken);
        var payments = await user.Scope.Apply(db.Set<CasePayment>().AsNoTracking()).Where(p => p.PaidOn >= from && p.PaidOn < to)
            .GroupBy(p => p.Case!.Type)
            .Select(g => new { Type = g.Key, Fen = g.Sum(p => p.AmountFen), Count = g.Count() })
            .ToListAsync(cancellationToken);
        var cases = await user.Scope.Apply(db.Set<WelfareCase>().AsNoTracking())
            .Where(c => c.OpenedOn < to && (c.ClosedOn == null || c.ClosedOn >= from))
            .GroupBy(c => new { c.Type, c.Status })
            .Select(g => new { g.Key.Type, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var condolences = await user.Scope.Apply(db.Set<Visit>().AsNoTracking())
            .CountAsync(v => v.Occasion == VisitOccasion.Condolence && v.VisitedOn >= from && v.VisitedOn < to, cancellationToken);

        return new WelfareYear(
            year,
            peopleVisited,
            [.. byOccasion.OrderBy(o => o.Occasion).Select(o => new OccasionFigure(o.Occasion, o.Visits, o.People, o.Fen))],
            [.. Enum.GetValues<CaseType>().Select(t => new CaseTypeFigure(
                t,
                cases.Where(c => c.Type == t && c.Status != CaseStatus.Closed).Sum(c => c.Count),
                cases.Where(c => c.Type == t).Sum(c => c.Count),
                payments.Where(p => p.Type == t).Sum(p => p.Fen),
                payments.Where(p => p.Type == t).Sum(p => p.Count)))],
            condolences);
    }
}

public sealed record CaseView(
    WelfareCase Case, string RetireeName, string UnitName, bool RetireeDeceased, DateOnly? DeathDate,
    IReadOnlyList<CaseFollowUp> FollowUps, IReadOnlyList<CasePayment> Payments)
{
    public long PaidFen => Payments.Sum(p => p.AmountFen);
}

public sealed record PairingItem(int Id, string Volunteer, VolunteerKind Kind, DateOnly StartsOn, DateOnly? EndsOn, int Visits);

public sealed record VisitItem(int Id, DateOnly VisitedOn, VisitOccasion Occasion, string Visitors, string? Gift, long? AmountFen, string? Notes, int? CaseId);

public sealed record CondolenceItem(int Id, int RetireeId, string RetireeName, string UnitName, DateOnly? DeathDate);

public sealed record CondolenceWork(IReadOnlyList<CondolenceItem> Waiting, IReadOnlyList<CaseListItem> OpenCasesOfDeceased);

public sealed record OccasionFigure(VisitOccasion Occasion, int Visits, int People, long Fen);

public sealed record CaseTypeFigure(CaseType Type, int Current, int InYear, long PaidFen, int Payments);

/// <summary>A year of welfare work in figures: people visited, visits by occasion, cases and money by type, condolences.</summary>
public sealed record WelfareYear(int Year, int PeopleVisited, IReadOnlyList<OccasionFigure> Visits, IReadOnlyList<CaseTypeFigure> Cases, int Condolences)
{
    public long PaidFen => Cases.Sum(c => c.PaidFen);
}
