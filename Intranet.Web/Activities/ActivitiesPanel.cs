using Intranet.Domain.Activities;
using Intranet.Domain.Data;
using Intranet.Web.Dashboard;

namespace Intranet.Web.Activities;

/// <summary>Activities on the dashboard: the year's events by kind with invitations and attendance, golden-wedding couples.</summary>
public sealed class ActivitiesPanel : DashboardPanel
{
    public override string Key => "activities";

    public override string Title => "活动";

    public override int Order => 35;

    public override IReadOnlySet<string> Entities { get; } = new HashSet<string> { nameof(Activity), nameof(ActivityParticipant) };

    public override Type Component => typeof(ActivitiesPanelView);

    public override async Task<object> ComputeAsync(IntranetDbContext db, DashboardScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return await ActivityQueries.FiguresAsync(db, scope.Access, scope.Year, scope.UnitId, cancellationToken);
    }
}
