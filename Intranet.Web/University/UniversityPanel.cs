using Intranet.Domain.Data;
using Intranet.Domain.University;
using Intranet.Web.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.University;

/// <summary>The elderly university on the dashboard: this term's classes and how full they are, and the year's figures.</summary>
public sealed record UniversityPanelFigures(
    UniversityFigures Year, string? TermName, int TermClasses, int TermCapacity, int TermEnrolled, int TermWaiting, IReadOnlyList<Tally> Waiting);

public sealed class UniversityPanel : DashboardPanel
{
    public override string Key => "university";

    public override string Title => "老年大学";

    public override int Order => 30;

    public override IReadOnlySet<string> Entities { get; } = new HashSet<string>
    {
        nameof(Term), nameof(UniversityClass), nameof(ClassSession), nameof(Enrolment), nameof(Attendance),
    };

    public override Type Component => typeof(UniversityPanelView);

    public override async Task<object> ComputeAsync(IntranetDbContext db, DashboardScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var year = await UniversityQueries.FiguresAsync(db, scope.Year, scope.UnitId, cancellationToken);
        var terms = await db.Set<Term>().AsNoTracking().OrderByDescending(t => t.StartsOn)
            .Select(t => new TermItem(t.Id, t.Name, t.StartsOn, t.EndsOn, t.Version)).ToListAsync(cancellationToken);
        if (UniversityQueries.CurrentTerm(terms, today) is not { } term)
        {
            return new UniversityPanelFigures(year, null, 0, 0, 0, 0, []);
        }

        // The term's classes are the district's; how full they are counts everyone, a unit's people are in the year figures.
        var classes = db.Set<UniversityClass>().AsNoTracking().Where(c => c.TermId == term.Id);
        var enrolments = db.Set<Enrolment>().Where(e => e.Class!.TermId == term.Id);
        var waitingClasses = await enrolments.Where(e => e.Status == EnrolmentStatus.Waiting)
            .GroupBy(e => new { e.ClassId, e.Class!.Name }).Select(g => new { g.Key.ClassId, g.Key.Name, Count = g.Count() })
            .OrderByDescending(g => g.Count).Take(8).ToListAsync(cancellationToken);
        return new UniversityPanelFigures(
            year,
            term.Name,
            await classes.CountAsync(cancellationToken),
            await classes.SumAsync(c => (int?)c.Capacity, cancellationToken) ?? 0,
            await enrolments.CountAsync(e => e.Status == EnrolmentStatus.Enrolled, cancellationToken),
            await enrolments.CountAsync(e => e.Status == EnrolmentStatus.Waiting, cancellationToken),
            [.. waitingClasses.Select(w => new Tally(w.Name, w.Count, $"/university/classes/{w.ClassId}"))]);
    }
}
