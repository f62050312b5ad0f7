using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using Radzen;

namespace Intranet.Tests.Support;

/// <summary>
/// Renders a component to HTML with the framework's <see cref="HtmlRenderer"/> (bUnit is not usable here)
/// and parses it with AngleSharp. What a click does is for the browser tests.
/// </summary>
public static class ComponentRenderer
{
    public static async Task<IHtmlDocument> RenderAsync<TComponent>(Action<IServiceCollection> configure, IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRadzenComponents();
        services.AddSingleton<NavigationManager, StaticNavigationManager>();
        services.AddSingleton<IJSRuntime, NoScriptRuntime>();

        // As the app has it: pages carry their first read into the circuit through the prerendered state.
        services.AddScoped<Microsoft.AspNetCore.Components.Infrastructure.ComponentStatePersistenceManager>();
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.AspNetCore.Components.Infrastructure.ComponentStatePersistenceManager>().State);
        configure(services);

        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var view = parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters);
            var output = await renderer.RenderComponentAsync<TComponent>(view);
            return output.ToHtmlString();
        });

        return new HtmlParser().ParseDocument($"<html><body>{html}</body></html>");
    }

    /// <summary>The app's own services for a page, over the test's database, acting as <paramref name="user"/>.</summary>
    public static IServiceCollection AddAppServices(this IServiceCollection services, TestDatabase database, Web.Accounts.CurrentUser user)
    {
        services.AddSingleton<TimeProvider>(FixedClock.On(RegisterBuilder.Today));
        services.AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Data.IntranetDbContext>>(database.Factory(user));
        services.AddSingleton(user);
        services.AddScoped<Web.Audit.AuditLog>();
        services.AddScoped<Web.Register.RegisterQueries>();
        services.AddScoped<Web.Register.RegisterCommands>();
        services.AddSingleton(NewChangeFeed());
        services.AddSingleton<Web.Platform.Lists.ListCounts>();
        return services;
    }

    public static Web.Platform.Live.ChangeFeed NewChangeFeed() => new(
        Microsoft.Extensions.Options.Options.Create(new Web.Platform.Live.ChangeFeedOptions()), TimeProvider.System,
        NullLogger<Web.Platform.Live.ChangeFeed>.Instance);

    /// <summary>Counts shared over a feed of their own, which nothing publishes to: for queries built by hand in a test.</summary>
    public static Web.Platform.Lists.ListCounts NewListCounts() => new(NewChangeFeed(), TimeProvider.System);

    private sealed class StaticNavigationManager : NavigationManager
    {
        public StaticNavigationManager() => Initialize("http://localhost/", "http://localhost/");

        protected override void NavigateToCore(string uri, NavigationOptions options) =>
            throw new NotSupportedException("Navigation is for the browser tests.");
    }

    private sealed class NoScriptRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }
}
