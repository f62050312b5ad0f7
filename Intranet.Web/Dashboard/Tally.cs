namespace Intranet.Web.Dashboard;

/// <summary>One counted thing on a panel: its label, the count, and where the list behind it is (when there is one).</summary>
public sealed record Tally(string Label, int Count, string? Href = null);

/// <summary>One month of a year against the same month of the year before.</summary>
public sealed record MonthTally(int Month, int ThisYear, int LastYear)
{
    public string Label => $"{Month}月";
}
