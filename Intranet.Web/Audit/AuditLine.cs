using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Intranet.Web.Platform.Lists;

namespace Intranet.Web.Audit;

/// <summary>One audit line as pages show it: local time, Chinese words, referenced records by name.</summary>
public sealed record AuditLine(
    long Id,
    string LocalTime,
    string? UserName,
    AuditAction Action,
    string? EntityType,
    string? EntityId,
    int? RetireeId,
    string? Subject,
    string? Details,
    string? IpAddress,
    IReadOnlyList<FieldChangeText> Changes)
{
    /// <summary>How many field changes <see cref="Summary"/> names before it says how many more there are.</summary>
    private const int SummaryFields = 3;

    /// <summary>Who acted, as people know them: "张丽（staff）"; the login name alone when the account is gone; 系统 for jobs.</summary>
    public string? Who { get; init; }

    public string ActionLabel => Action.Label();

    public string EntityTypeLabel => AuditText.EntityTypeLabel(EntityType);

    /// <summary>"退休教工 · 张三": what the line is about, for lists that mix records.</summary>
    public string Target => string.Join(" · ", new[] { EntityTypeLabel, Subject }.Where(s => !string.IsNullOrEmpty(s)));

    public bool HasDetails => Changes.Count > 0 || !string.IsNullOrEmpty(Details);

    /// <summary>One line for a grid cell: the first few changes, or the free-text details.</summary>
    public string Summary
    {
        get
        {
            if (Changes.Count == 0)
            {
                return Details ?? string.Empty;
            }

            var first = string.Join("；", Changes.Take(SummaryFields).Select(c => c.Summary));
            return Changes.Count > SummaryFields ? $"{first} 等 {Changes.Count} 项" : first;
        }
    }

    public static AuditLine From(AuditEntry entry, AuditNames? names, TimeZoneInfo zone, PersonalDataRules personalData)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditLine(
            entry.Id,
            AuditText.FormatTime(entry.At, zone),
            entry.UserName,
            entry.Action,
            entry.EntityType,
            entry.EntityId,
            entry.RetireeId,
            entry.Subject,
            entry.Details,
            entry.IpAddress,
            entry.Action.IsRecordChange() ? AuditText.DescribeChanges(entry, names, personalData) : []);
    }
}

/// <summary>What the audit log is narrowed to. Empty values mean "any"; dates are the office's local days, both included.</summary>
public sealed record AuditFilter : IListFilter<AuditFilter>
{
    /// <summary>Part of a login name.</summary>
    public string? UserName { get; init; }

    /// <summary>Part of a retiree's name (or of the name a line was written under, for records since deleted).</summary>
    public string? Person { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public string? EntityType { get; init; }

    public AuditAction? Action { get; init; }

    public Dictionary<string, string?> ToQuery() => new()
    {
        ["user"] = QueryValues.Of(UserName),
        ["person"] = QueryValues.Of(Person),
        ["from"] = QueryValues.Of(From),
        ["to"] = QueryValues.Of(To),
        ["type"] = QueryValues.Of(EntityType),
        ["action"] = Action?.ToString(),
    };

    public static AuditFilter FromQuery(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query)
    {
        var values = new QueryValues(query);
        return new AuditFilter
        {
            UserName = values.Text("user"),
            Person = values.Text("person"),
            From = values.Date("from"),
            To = values.Date("to"),
            EntityType = values.Text("type"),
            Action = values.Enum<AuditAction>("action"),
        };
    }
}

/// <summary>A choice in the object-type filter: the stored CLR name and its Chinese word.</summary>
public sealed record EntityTypeChoice(string Value, string Label);
