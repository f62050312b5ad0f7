using Intranet.Domain.Data;
using Intranet.Domain.Welfare;
using Intranet.Web.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Welfare;

/// <summary>A running visit campaign's progress: overall and per unit (the units furthest behind first).</summary>
public sealed record CampaignTally(int Id, string Name, DateOnly EndsOn, int Total, int Done, IReadOnlyList<Tally> DonePerUnit, IReadOnlyList<Tally> TotalPerUnit);

/// <summary>The caseload and the year's visits on the dashboard.</summary>
public sealed record WelfareFigures(
    int OpenCases, int OverdueFollowUps, IReadOnlyList<Tally> OpenByType, IReadOnlyList<Tally> OpenByStatus,
    long PaidFen, int Payments, int PeopleVisited, int PeopleVisitedLastYear, IReadOnlyList<MonthTally> VisitsByMonth,
    int Condolences, int CondolencesWaiting, CampaignTally? Campaign);

public sealed class WelfarePanel : DashboardPanel
{
    public override string Key => "welfare";

    public override string Title => "帮扶与慰问";

    public override int Order => 20;

    public override IReadOnlySet<string> Entities { get; } = new HashSet<string>
    {
        nameof(WelfareCase), nameof(CaseFollowUp), nameof(CasePayment), nameof(Visit), nameof(CondolenceTask), nameof(VisitCampaign), nameof(CampaignEntry),
        nameof(Intranet.Domain.Register.Retiree),
    };

    public override Type Component => typeof(WelfarePanelView);

    public override async Task<object> ComputeAsync(IntranetDbContext db, DashboardScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var access = scope.Access;
        var unitQuery = scope.UnitId is { } u ? $"&unit={u}" : string.Empty;
        var open = access.Apply(db.Set<WelfareCase>().AsNoTracking()).Where(c => c.Status != CaseStatus.Closed);
        var byTypeAndStatus = await open.GroupBy(c => new { c.Type, c.Status }).Select(g => new { g.Key.Type, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var overdue = await open.CountAsync(c => c.NextFollowUpOn < today, cancellationToken);

        var (from, to) = (new DateOnly(scope.Year, 1, 1), new DateOnly(scope.Year + 1, 1, 1));
        var payments = await access.Apply(db.Set<CasePayment>().AsNoTracking()).Where(p => p.PaidOn >= from && p.PaidOn < to)
            .GroupBy(p => 1).Select(g => new { Fen = g.Sum(p => p.AmountFen), Count = g.Count() }).FirstOrDefaultAsync(cancellationToken);

        var visits = access.Apply(db.Set<Visit>().AsNoTracking());
        var lastYear = from.AddYears(-1);
        var byMonth = await visits.Where(v => v.VisitedOn >= lastYear && v.VisitedOn < to)
            .GroupBy(v => new { v.VisitedOn.Year, v.VisitedOn.Month }).Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var peopleVisited = await visits.Where(v => v.VisitedOn >= from && v.VisitedOn < to).Select(v => v.RetireeId).Distinct().CountAsync(cancellationToken);
        var peopleVisitedLastYear = await visits.Where(v => v.VisitedOn >= lastYear && v.VisitedOn < from).Select(v => v.RetireeId).Distinct().CountAsync(cancellationToken);
        var condolences = await visits.CountAsync(v => v.Occasion == VisitOccasion.Condolence && v.VisitedOn >= from && v.VisitedOn < to, cancellationToken);
        var waiting = await access.Apply(db.Set<CondolenceTask>().AsNoTracking()).CountAsync(t => t.VisitId == null, cancellationToken);

        return new WelfareFigures(
            byTypeAndStatus.Sum(c => c.Count),
            overdue,
            [.. Enum.GetValues<CaseType>().Select(t => new Tally(t.Label(), byTypeAndStatus.Where(c => c.Type == t).Sum(c => c.Count), $"/welfare/cases?type={t}{unitQuery}"))],
            [.. new[] { CaseStatus.Open, CaseStatus.Active }.Select(s => new Tally(s.Label(), byTypeAndStatus.Where(c => c.Status == s).Sum(c => c.Count)))],
            payments?.Fen ?? 0,
            payments?.Count ?? 0,
            peopleVisited,
            peopleVisitedLastYear,
            [.. Enumerable.Range(1, 12).Select(m => new MonthTally(
                m,
                byMonth.Where(b => b.Year == scope.Year && b.Month == m).Sum(b => b.Count),
                byMonth.Where(b => b.Year == scope.Year - 1 && b.Month == m).Sum(b => b.Count)))],
            condolences,
            waiting,
            await CampaignAsync(db, scope, today, cancellationToken));
    }

    private static async Task<CampaignTally?> CampaignAsync(IntranetDbContext db, DashboardScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        var campaign = await db.Set<VisitCampaign>().AsNoTracking()
            .Where(c => c.StartsOn <= today && c.EndsOn >= today)
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        var perUnit = await scope.Access.Apply(db.Set<CampaignEntry>().AsNoTracking())
            .Where(e => e.CampaignId == campaign.Id)
            .GroupBy(e => new { e.UnitId, e.Retiree!.Unit!.Name })
            .Select(g => new { g.Key.UnitId, g.Key.Name, Total = g.Count(), Done = g.Count(e => e.VisitId != null) })
            .ToListAsync(cancellationToken);
        var ordered = perUnit.OrderBy(p => p.Total == 0 ? 1 : (double)p.Done / p.Total).ThenByDescending(p => p.Total).ToList();
        return new CampaignTally(
            campaign.Id, campaign.Name, campaign.EndsOn, perUnit.Sum(p => p.Total), perUnit.Sum(p => p.Done),
            [.. ordered.Select(p => new Tally(p.Name, p.Done, $"/welfare/campaigns/{campaign.Id}"))],
            [.. ordered.Select(p => new Tally(p.Name, p.Total))]);
    }
}
