using Intranet.Domain.Welfare;
using Intranet.Web.Platform.Lists;
using Microsoft.Extensions.Primitives;

namespace Intranet.Web.Welfare;

/// <summary>What the caseload is narrowed to: by unit, officer, type and status; overdue follow-ups alone.</summary>
public sealed record CaseFilter : IListFilter<CaseFilter>
{
    /// <summary>Part of the person's name or of the responsible officer's.</summary>
    public string? Search { get; init; }

    public int? UnitId { get; init; }

    public CaseType? Type { get; init; }

    /// <summary>Open and active cases by default: the caseload is what is still being worked on.</summary>
    public CaseStatusFilter Status { get; init; } = CaseStatusFilter.Current;

    public bool OverdueOnly { get; init; }

    public Dictionary<string, string?> ToQuery() => new()
    {
        ["q"] = QueryValues.Of(Search),
        ["unit"] = QueryValues.Of(UnitId),
        ["type"] = Type?.ToString(),
        ["status"] = Status == CaseStatusFilter.Current ? null : Status.ToString(),
        ["overdue"] = OverdueOnly ? "1" : null,
    };

    public static CaseFilter FromQuery(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = new QueryValues(query);
        return new CaseFilter
        {
            Search = values.Text("q"),
            UnitId = values.Number("unit"),
            Type = values.Enum<CaseType>("type"),
            Status = values.Enum<CaseStatusFilter>("status") ?? CaseStatusFilter.Current,
            OverdueOnly = values.Text("overdue") == "1",
        };
    }
}

public enum CaseStatusFilter
{
    /// <summary>Open or active.</summary>
    Current,
    Open,
    Active,
    Closed,
    All,
}

public sealed record CaseListItem(
    int Id,
    int RetireeId,
    string RetireeName,
    string UnitName,
    bool RetireeDeceased,
    CaseType Type,
    CaseStatus Status,
    string Officer,
    DateOnly OpenedOn,
    DateOnly? NextFollowUpOn,
    long PaidFen,
    bool Overdue);
