using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Intranet.Web.Platform.Lists;

/// <summary>
/// One page of a list: how many rows to skip and take, and the column it is sorted by. <paramref name="KnownTotal"/>
/// is the total of the same filter read a moment ago: paging and sorting do not change it, so it is not counted again.
/// </summary>
public sealed record PageRequest(int Skip, int Take, string? SortBy = null, bool Descending = false, int? KnownTotal = null)
{
    public const int DefaultSize = 20;

    public static readonly int[] Sizes = [20, 50, 100];

    public static PageRequest First { get; } = new(0, DefaultSize);

    /// <summary>The page's number counted from 0, as the grid's pager counts.</summary>
    public int Index => Take > 0 ? Skip / Take : 0;

    /// <summary>
    /// The page as query-string values (<c>page</c> from 1, <c>size</c>, <c>sort</c> with a leading "-" for
    /// descending); the first page, the default size and the default order are left out, so plain addresses stay plain.
    /// </summary>
    public Dictionary<string, string?> ToQuery() => new()
    {
        ["page"] = Index > 0 ? (Index + 1).ToString(CultureInfo.InvariantCulture) : null,
        ["size"] = Take != DefaultSize ? Take.ToString(CultureInfo.InvariantCulture) : null,
        ["sort"] = SortBy is null ? null : (Descending ? "-" : string.Empty) + SortBy,
    };

    /// <summary>Reads what <see cref="ToQuery"/> wrote; an unreadable or absurd value falls back to the default.</summary>
    public static PageRequest FromQuery(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var size = Int(values, "size") is { } s && Sizes.Contains(s) ? s : DefaultSize;
        var page = Int(values, "page") is { } p && p is >= 1 and <= 100_000 ? p : 1;
        var sort = values.TryGetValue("sort", out var text) && text.Length is > 0 and <= 64 ? text : null;
        var descending = sort?.StartsWith('-') == true;
        return new PageRequest((page - 1) * size, size, descending ? sort![1..] : sort, descending);
    }

    private static int? Int(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>An item of a picker: an id and the words shown for it.</summary>
public sealed record Choice(int Id, string Name);

public static class PagingExtensions
{
    /// <summary>Counts the query and reads one page of it; the page size is kept within 1–500 whatever is asked.</summary>
    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        var total = page.KnownTotal ?? await query.CountAsync(cancellationToken);
        var items = await query.Skip(Math.Max(page.Skip, 0)).Take(Math.Clamp(page.Take, 1, 500)).ToListAsync(cancellationToken);
        return new PagedResult<T>(items, total);
    }
}

/// <summary>Reading a list filter back from its address: each value, or nothing when it is missing or unreadable.</summary>
public sealed class QueryValues(IEnumerable<KeyValuePair<string, StringValues>> query)
{
    private readonly Dictionary<string, string> _values =
        query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public string? Text(string key) => _values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public int? Number(string key) => int.TryParse(Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public DateOnly? Date(string key) => DateOnly.TryParseExact(Text(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    /// <summary>An enum by its name; numbers and names the enum lacks are not taken.</summary>
    public TEnum? Enum<TEnum>(string key)
        where TEnum : struct, Enum =>
        Text(key) is { } text && !char.IsAsciiDigit(text[0]) && System.Enum.TryParse<TEnum>(text, out var value) && System.Enum.IsDefined(value) ? value : null;

    public static string? Of(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Of(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Of(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The filter of a list narrowed by one search box.</summary>
public sealed record SearchFilter(string? Text) : IListFilter<SearchFilter>
{
    public Dictionary<string, string?> ToQuery() => new() { ["q"] = QueryValues.Of(Text) };

    public static SearchFilter FromQuery(IEnumerable<KeyValuePair<string, StringValues>> query) => new(new QueryValues(query).Text("q"));
}

public static class ChoiceQueries
{
    /// <summary>How many choices a picker shows for one term: enough to pick from, few enough to send.</summary>
    public const int Limit = 50;

    /// <summary>
    /// The first <see cref="Limit"/> choices of an ordered query that match <paramref name="match"/>, and the chosen
    /// one first if it is not among them (so the picker can show its name).
    /// </summary>
    public static async Task<IReadOnlyList<Choice>> PickAsync<T>(
        IQueryable<T> ordered,
        System.Linq.Expressions.Expression<Func<T, bool>>? match,
        System.Linq.Expressions.Expression<Func<T, Choice>> select,
        System.Linq.Expressions.Expression<Func<T, bool>>? chosen,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var matching = match is null ? ordered : ordered.Where(match);
        var choices = await matching.Select(select).Take(Limit).ToListAsync(cancellationToken);
        if (chosen is not null && await ordered.Where(chosen).Select(select).FirstOrDefaultAsync(cancellationToken) is { } current
            && choices.All(c => c.Id != current.Id))
        {
            choices.Insert(0, current);
        }

        return choices;
    }
}
