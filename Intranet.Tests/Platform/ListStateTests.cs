using Intranet.Web.Platform.Lists;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace Intranet.Tests.Platform;

/// <summary>The list pattern's rules, without a browser: the address, and what is read when.</summary>
public sealed class ListStateTests
{
    [Fact]
    public async Task The_address_names_the_filter_page_and_sort_and_is_read_back()
    {
        var navigation = new RecordingNavigation("http://localhost/admin/units?q=%E7%9F%B3%E5%AE%A4&page=3&size=50&sort=-Name");
        var reads = new List<(SearchFilter Filter, PageRequest Page)>();
        var list = new ListState<SearchFilter, string>(navigation, (filter, page, _) =>
        {
            reads.Add((filter, page));
            return Task.FromResult(new PagedResult<string>(["甲"], 1_000));
        });

        await list.InitializeAsync();

        Assert.Equal(new SearchFilter("石室"), list.Filter);
        Assert.Equal(new PageRequest(100, 50, "Name", true), list.Page);
        Assert.Equal(SortOrder.Descending, list.SortOrderOf("name"));
        Assert.Null(reads.Single().Page.KnownTotal);
    }

    [Fact]
    public async Task Paging_and_sorting_do_not_count_again_a_new_filter_does()
    {
        var navigation = new RecordingNavigation("http://localhost/admin/units");
        var reads = new List<PageRequest>();
        var list = new ListState<SearchFilter, string>(navigation, (_, page, _) =>
        {
            reads.Add(page);
            return Task.FromResult(new PagedResult<string>(["甲"], 1_000));
        });
        await list.InitializeAsync();

        await list.LoadDataAsync(new LoadDataArgs { Skip = 20, Top = 20 });
        await list.LoadDataAsync(new LoadDataArgs { Skip = 20, Top = 20 }); // the grid asking again for the same page
        await list.ApplyAsync(new SearchFilter("草堂"));

        Assert.Equal([null, 1_000, null], reads.Select(r => r.KnownTotal));
        Assert.Equal("http://localhost/admin/units?q=草堂", Uri.UnescapeDataString(navigation.Uri));
    }

    private sealed class RecordingNavigation : NavigationManager
    {
        public RecordingNavigation(string uri) => Initialize("http://localhost/", uri);

        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
    }
}
