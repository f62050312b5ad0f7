using Intranet.Domain.Contests;
using Intranet.Domain.Data;
using Intranet.Web.Dashboard;

namespace Intranet.Web.Contests;

/// <summary>Contest results on the dashboard: the year's awards by level and rank, and the latest results.</summary>
public sealed class ContestsPanel : DashboardPanel
{
    public override string Key => "contests";

    public override string Title => "比赛获奖";

    public override int Order => 40;

    public override IReadOnlySet<string> Entities { get; } = new HashSet<string> { nameof(Contest), nameof(ContestEntry), nameof(Club) };

    public override Type Component => typeof(ContestsPanelView);

    public override async Task<object> ComputeAsync(IntranetDbContext db, DashboardScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return await ContestQueries.FiguresAsync(db, scope.Access, scope.Year, scope.UnitId, cancellationToken);
    }
}
