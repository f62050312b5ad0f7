using Intranet.Domain.Accounts;
using Intranet.Domain.Data;

namespace Intranet.Web.Dashboard;

/// <summary>What a dashboard shows figures for: a year, and every unit or one.</summary>
public sealed record DashboardScope(int Year, int? UnitId)
{
    /// <summary>The records the figures are counted over: every unit's, or the one unit's people.</summary>
    public AccessScope Access => UnitId is { } unit ? AccessScope.Unit(unit) : AccessScope.Everything;
}

/// <summary>
/// One panel of the leadership dashboard, contributed by an area from its own folder (registered in its
/// <c>Add…()</c>): which record types move its figures, how to compute them for a scope, and the component that
/// shows them. Figures are counts and names of units, classes and contests — never a person's name or number, so
/// the same figures can go to the wall screen and to outside clients.
/// </summary>
public abstract class DashboardPanel
{
    /// <summary>Stable key, used in the page and in the hub.</summary>
    public abstract string Key { get; }

    public abstract string Title { get; }

    /// <summary>Left to right, top to bottom.</summary>
    public abstract int Order { get; }

    /// <summary>Entity type names (as the change feed names them) whose saves can move these figures.</summary>
    public abstract IReadOnlySet<string> Entities { get; }

    /// <summary>The component that renders the figures; it takes <c>Figures</c> (this panel's record) and <c>Scope</c>.</summary>
    public abstract Type Component { get; }

    /// <summary>Computes the figures in a context of their own; called once per scope and change, whoever is watching.</summary>
    public abstract Task<object> ComputeAsync(IntranetDbContext db, DashboardScope scope, DateOnly today, CancellationToken cancellationToken);

    public bool MovedBy(IEnumerable<EntityChange> changes) => changes.Any(c => Entities.Contains(c.Entity));
}

/// <summary>A panel's figures as last computed, and when.</summary>
public sealed record PanelFigures(string Key, DashboardScope Scope, object Figures, DateTimeOffset ComputedAt);
