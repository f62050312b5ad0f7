using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Radzen;
using Radzen.Blazor;

namespace Intranet.Web.Platform.Lists;

/// <summary>A list's filter, written to and read back from the list's address.</summary>
public interface IListFilter<TSelf>
    where TSelf : IListFilter<TSelf>
{
    /// <summary>The filter as query-string values; empty ones are left out.</summary>
    Dictionary<string, string?> ToQuery();

    /// <summary>Reads what <see cref="ToQuery"/> wrote; anything unreadable is left out rather than refused.</summary>
    static abstract TSelf FromQuery(IEnumerable<KeyValuePair<string, StringValues>> query);
}

/// <summary>
/// What every list page shares: its filter, page and sort live in its address (back and reload return to the same
/// page), the grid loads one page at a time on the server, and the first page is read once — in the prerendered
/// response — and carried into the circuit rather than read again.
/// </summary>
/// <remarks>A plain class, not a component, so the rules are testable without a browser.</remarks>
public sealed class ListState<TFilter, TItem> : IDisposable
    where TFilter : IListFilter<TFilter>
    where TItem : notnull
{
    /// <summary>
    /// The browser hands the prerendered state back when the circuit starts, in one message, encrypted and in base64,
    /// and the circuit refuses messages over 32 KB. A page bigger than this is read again instead.
    /// </summary>
    private const int MaxCarriedBytes = 16 * 1024;

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    private readonly NavigationManager _navigation;
    private readonly Func<TFilter, PageRequest, CancellationToken, Task<PagedResult<TItem>>> _load;
    private readonly PersistentComponentState? _state;
    private readonly string _key;
    private PersistingComponentStateSubscription? _persisting;
    private (TFilter Filter, PageRequest Page)? _shown;

    /// <param name="navigation">Where the address is read and written.</param>
    /// <param name="load">Reads one page for a filter, in the signed-in person's scope.</param>
    /// <param name="state">The prerendered page's state, to carry the first page into the circuit; none in tests.</param>
    /// <param name="key">Names the list in that state, unique on the page.</param>
    public ListState(
        NavigationManager navigation,
        Func<TFilter, PageRequest, CancellationToken, Task<PagedResult<TItem>>> load,
        PersistentComponentState? state = null,
        string key = "list")
    {
        _navigation = navigation;
        _load = load;
        _state = state;
        _key = key;
        Filter = TFilter.FromQuery([]);
    }

    public TFilter Filter { get; private set; }

    public PageRequest Page { get; private set; } = PageRequest.First;

    public IReadOnlyList<TItem> Items { get; private set; } = [];

    public int Count { get; private set; }

    public bool Loading { get; private set; }

    /// <summary>How many times a page was read from the database (the tests count them).</summary>
    public int Reads { get; private set; }

    /// <summary>The grid showing the list; set with <c>@ref</c>.</summary>
    public RadzenDataGrid<TItem>? Grid { get; set; }

    /// <summary>The list's address for the current filter, page and sort.</summary>
    public string Address => QueryHelpers.AddQueryString(
        new Uri(_navigation.Uri).GetLeftPart(UriPartial.Path),
        Filter.ToQuery().Concat(Page.ToQuery()).Where(p => p.Value is not null));

    /// <summary>Reads the address and the page it names (or takes it from the prerendered page).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var query = QueryHelpers.ParseQuery(new Uri(_navigation.Uri).Query);
        Filter = TFilter.FromQuery(query);
        Page = PageRequest.FromQuery(query);

        if (_state is not null && _state.TryTakeFromJson<PagedResult<TItem>>(_key, out var carried) && carried is not null)
        {
            Show(carried);
        }
        else
        {
            await LoadAsync(null, cancellationToken);
        }

        _persisting ??= _state?.RegisterOnPersisting(() =>
        {
            var page = new PagedResult<TItem>(Items, Count);
            if (System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(page, JsonOptions).Length <= MaxCarriedBytes)
            {
                _state.PersistAsJson(_key, page);
            }

            return Task.CompletedTask;
        }, RenderMode.InteractiveServer);
    }

    /// <summary>Once the grid is on screen, shows the page the address named (the grid itself starts at the first).</summary>
    public async Task AfterFirstRenderAsync()
    {
        if (Grid is not null && Page.Index > 0)
        {
            await Grid.GoToPage(Page.Index);
        }
    }

    /// <summary>The grid asks for a page (pager, sort, page size); the address follows.</summary>
    public async Task LoadDataAsync(LoadDataArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var sort = args.Sorts?.FirstOrDefault(s => s.SortOrder is not null);
        var next = new PageRequest(args.Skip ?? 0, args.Top ?? Page.Take, sort?.Property, sort?.SortOrder == SortOrder.Descending);

        // The grid asking again for what is on screen (its pager catching up with the address): nothing to read.
        if (_shown is { } shown && shown.Page == next && EqualityComparer<TFilter>.Default.Equals(shown.Filter, Filter))
        {
            return;
        }

        // Paging and sorting leave the total as it was: it is not counted again for the same filter.
        var sameFilter = _shown is { } before && EqualityComparer<TFilter>.Default.Equals(before.Filter, Filter);
        Page = next;
        WriteAddress();
        await LoadAsync(knownTotal: sameFilter ? Count : null);
    }

    /// <summary>A new filter: back to the first page, keeping the page size and sort.</summary>
    public async Task ApplyAsync(TFilter filter)
    {
        if (EqualityComparer<TFilter>.Default.Equals(filter, Filter) && Page.Skip == 0)
        {
            return;
        }

        Filter = filter;
        if (Grid is not null)
        {
            await Grid.FirstPage(forceReload: true);
        }
        else
        {
            Page = Page with { Skip = 0 };
            WriteAddress();
            await LoadAsync();
        }
    }

    /// <summary>Reads the page on screen again, e.g. after a row on it changed.</summary>
    public Task ReloadAsync() => LoadAsync();

    /// <summary>The sort the address asked for, for the column's own <c>SortOrder</c>.</summary>
    public SortOrder? SortOrderOf(string property) =>
        string.Equals(Page.SortBy, property, StringComparison.OrdinalIgnoreCase) ? Page.Descending ? SortOrder.Descending : SortOrder.Ascending : null;

    public void Dispose() => _persisting?.Dispose();

    private void WriteAddress() => _navigation.NavigateTo(Address, replace: true);

    private async Task LoadAsync(int? knownTotal = null, CancellationToken cancellationToken = default)
    {
        Loading = true;
        try
        {
            Reads++;
            Show(await _load(Filter, Page with { KnownTotal = knownTotal }, cancellationToken));
        }
        finally
        {
            Loading = false;
        }
    }

    private void Show(PagedResult<TItem> result)
    {
        Items = result.Items;
        Count = result.TotalCount;
        _shown = (Filter, Page);
    }
}
