using System.Globalization;
using System.Net;
using Intranet.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Radzen;
using Radzen.Blazor;

namespace Intranet.Tests.Localization;

/// <summary>
/// Goes through Radzen's own lookup: <c>AddRadzenComponents</c> registers an internal scoped <c>Localizer</c> that
/// resolves our <see cref="ILocalizer"/> from DI, so this catches a registration Radzen stops consulting.
/// </summary>
public sealed class RadzenChineseLocalizerRenderingTests
{
    private static readonly int[] PageSizes = [10, 20, 50];

    [Fact]
    public async Task PagerRendersChineseSummaryAndPageSizeText()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRadzenComponents();
        services.AddSingleton<ILocalizer, RadzenChineseLocalizer>();
        services.AddSingleton<IJSRuntime, UnusedJsRuntime>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());

        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(RadzenPager.Count)] = 95,
                [nameof(RadzenPager.PageSize)] = 10,
                [nameof(RadzenPager.ShowPagingSummary)] = true,
                [nameof(RadzenPager.PageSizeOptions)] = PageSizes,
                [nameof(RadzenPager.UICulture)] = CultureInfo.GetCultureInfo("zh-CN"),
            });
            var output = await renderer.RenderComponentAsync<RadzenPager>(parameters);
            // The HTML encoder writes every non-ASCII character as an entity.
            return WebUtility.HtmlDecode(output.ToHtmlString());
        });

        Assert.Contains("第 1 页，共 10 页（95 条）", html, StringComparison.Ordinal);
        Assert.Contains("条/页", html, StringComparison.Ordinal);
        Assert.Contains("下一页", html, StringComparison.Ordinal);
        Assert.DoesNotContain("items per page", html, StringComparison.Ordinal);
    }

    /// <summary>Radzen injects a JS runtime into every component; a static render never calls it.</summary>
    private sealed class UnusedJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new NotSupportedException("A static render does not call JavaScript.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new NotSupportedException("A static render does not call JavaScript.");
    }
}
