using Microsoft.AspNetCore.Components;

namespace Intranet.Web.Dashboard;

/// <summary>What every panel's view takes: its figures, the scope they are for, and whether to link to the lists behind them.</summary>
public abstract class PanelView<TFigures> : ComponentBase
{
    [Parameter, EditorRequired]
    public object Figures { get; set; } = default!;

    [Parameter, EditorRequired]
    public DashboardScope Scope { get; set; } = default!;

    /// <summary>Links and people's names; off on the wall screen, which shows counts and names of units, classes and contests only.</summary>
    [Parameter]
    public bool Links { get; set; } = true;

    protected TFigures F => (TFigures)Figures;

    /// <summary>The unit filter for a link to a list, when the dashboard shows one unit.</summary>
    protected string UnitQuery(string separator) => Scope.UnitId is { } unit ? $"{separator}unit={unit}" : string.Empty;
}
