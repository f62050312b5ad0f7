using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Intranet.Web.Platform.Live;

/// <summary>
/// The change feed for clients outside a circuit (a wall display, another service), signed-in users only. Each
/// connection joins the one group its scope allows and hears only changes inside it: record types, keys, units
/// and counts, never a name or a number.
/// </summary>
[Authorize]
public sealed class ChangesHub(Dashboard.DashboardFigures dashboard, TimeProvider time) : Hub
{
    public const string Path = "/hubs/changes";

    /// <summary>The client method each batch is sent to.</summary>
    public const string Method = "changes";

    /// <summary>The client method the district's dashboard figures are pushed to, a panel at a time, as they move.</summary>
    public const string FiguresMethod = "figures";

    /// <summary>
    /// The dashboard's figures for a year (this year when none) as the caller's scope sees them: every unit's for
    /// district-wide roles, their unit's for a unit officer, none for others. The same shared computation as the pages.
    /// </summary>
    public async Task<IReadOnlyList<HubPanelFigures>> Figures(int? year)
    {
        var scope = Context.User?.Scope() ?? AccessScope.Nothing;
        if (Context.User?.Role() is not { } role || !role.CanReadDashboard() || scope.Kind is not (ScopeKind.All or ScopeKind.Unit))
        {
            return [];
        }

        var dashboardScope = new Dashboard.DashboardScope(year ?? DateOnly.FromDateTime(time.GetLocalNow().DateTime).Year, scope.UnitId);
        var figures = await dashboard.GetAllAsync(dashboardScope);
        return [.. figures.Select(f => HubPanelFigures.Of(dashboard, f))];
    }

    public override async Task OnConnectedAsync()
    {
        if (GroupOf(Context.User?.Scope() ?? AccessScope.Nothing) is { } group)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        await base.OnConnectedAsync();
    }

    internal const string Everything = "scope:all";

    internal static string ForUnit(int unitId) => $"scope:unit:{unitId}";

    internal static string ForGroup(int groupId) => $"scope:group:{groupId}";

    /// <summary>An administrator's or an unknown role's scope holds no one: such a connection hears nothing.</summary>
    private static string? GroupOf(AccessScope scope) => scope.Kind switch
    {
        ScopeKind.All => Everything,
        ScopeKind.Unit => ForUnit(scope.UnitId!.Value),
        ScopeKind.Group => ForGroup(scope.GroupId!.Value),
        _ => null,
    };
}

/// <summary>A dashboard panel's figures as the hub sends them.</summary>
public sealed record HubPanelFigures(string Key, string Title, int Year, int? UnitId, object Figures, DateTimeOffset ComputedAt)
{
    internal static HubPanelFigures Of(Dashboard.DashboardFigures dashboard, Dashboard.PanelFigures figures) => new(
        figures.Key, dashboard.Panels.Single(p => p.Key == figures.Key).Title, figures.Scope.Year, figures.Scope.UnitId, figures.Figures, figures.ComputedAt);
}

/// <summary>
/// Keeps this year's district figures fresh for the hub and pushes each moved panel to the district-wide group: a wall
/// display or another service follows them without asking. Unit-scoped clients ask with <see cref="ChangesHub.Figures"/>
/// after a change notice.
/// </summary>
internal sealed class DashboardHubRelay(Dashboard.DashboardFigures dashboard, IHubContext<ChangesHub> hub, TimeProvider time) : IHostedService
{
    private IDisposable? _watch;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var scope = new Dashboard.DashboardScope(DateOnly.FromDateTime(time.GetLocalNow().DateTime).Year, null);
        _watch = dashboard.Watch(scope, figures =>
            hub.Clients.Group(ChangesHub.Everything).SendAsync(ChangesHub.FiguresMethod, HubPanelFigures.Of(dashboard, figures)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watch?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>One change as the hub sends it.</summary>
public sealed record ChangeNotice(string Entity, int Key, string Kind, int? UnitId);

/// <summary>Sends each batch of the feed to the hub's scope groups, each its own part.</summary>
internal sealed class ChangesHubRelay(ChangeFeed feed, IHubContext<ChangesHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(SendAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private async Task SendAsync(IReadOnlyList<EntityChange> batch)
    {
        // Accounts are the administrator's business (sign-ins touch them all the time), not the office's figures.
        var changes = batch.Where(c => c.Entity != nameof(Intranet.Domain.Accounts.AppUser)).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        await SendAsync(ChangesHub.Everything, changes);
        foreach (var unit in changes.GroupBy(c => c.UnitId).Where(g => g.Key is not null))
        {
            await SendAsync(ChangesHub.ForUnit(unit.Key!.Value), [.. unit]);
        }

        foreach (var group in changes.GroupBy(c => c.GroupId).Where(g => g.Key is not null))
        {
            await SendAsync(ChangesHub.ForGroup(group.Key!.Value), [.. group]);
        }
    }

    private Task SendAsync(string group, List<EntityChange> changes) =>
        hub.Clients.Group(group).SendAsync(ChangesHub.Method, new
        {
            count = changes.Count,
            changes = changes.Select(c => new ChangeNotice(c.Entity, c.Key, c.Kind.ToString(), c.UnitId)),
        });
}

public static class LiveExtensions
{
    public static WebApplicationBuilder AddLiveUpdates(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ChangeFeedOptions>(builder.Configuration.GetSection(ChangeFeedOptions.Section));
        builder.Services.AddSingleton<ChangeFeed>();
        builder.Services.AddSingleton<IChangeSink>(sp => sp.GetRequiredService<ChangeFeed>());
        builder.Services.AddSingleton<ChangeFeedInterceptor>();
        builder.Services.AddSingleton<Lists.ListCounts>();
        builder.Services.AddHostedService<ChangesHubRelay>();
        builder.Services.AddHostedService<DashboardHubRelay>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLiveUpdates(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<ChangesHub>(ChangesHub.Path).RequireAuthorization();
        return endpoints;
    }
}
