using System.Collections.Concurrent;
using Intranet.Domain.Data;
using Intranet.Web.Platform.Live;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Dashboard;

/// <summary>
/// The dashboard's figures, computed once for everyone who watches the same scope: each (panel, scope) is computed
/// on first asking and then kept; a batch of the change feed recomputes only the panels its record types move, once
/// per scope being watched, and pushes the result to every watcher of that scope. 200 open dashboards are one
/// computation per change, not 200. A scope nobody watches any more is forgotten rather than kept up to date.
/// </summary>
public sealed class DashboardFigures : IHostedService, IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IReadOnlyList<DashboardPanel> _panels;
    private readonly ChangeFeed _feed;
    private readonly TimeProvider _time;
    private readonly ILogger<DashboardFigures> _logger;
    private readonly ConcurrentDictionary<(string Panel, DashboardScope Scope), Lazy<Task<PanelFigures>>> _cache = new();
    private readonly ConcurrentDictionary<DashboardScope, ConcurrentDictionary<Watcher, byte>> _watchers = new();
    private IDisposable? _subscription;
    private long _computations;

    public DashboardFigures(
        IServiceScopeFactory scopes, IEnumerable<DashboardPanel> panels, ChangeFeed feed, TimeProvider time, ILogger<DashboardFigures> logger)
    {
        _scopes = scopes;
        _panels = [.. panels.OrderBy(p => p.Order)];
        _feed = feed;
        _time = time;
        _logger = logger;
    }

    public IReadOnlyList<DashboardPanel> Panels => _panels;

    /// <summary>How many times any panel has been computed since start (what "computed once" is measured by).</summary>
    public long Computations => Interlocked.Read(ref _computations);

    /// <summary>A panel's figures for a scope: the kept ones, or computed now (once, however many ask at the same moment).</summary>
    public Task<PanelFigures> GetAsync(string panelKey, DashboardScope scope)
    {
        var panel = _panels.Single(p => p.Key == panelKey);
        return _cache.GetOrAdd((panel.Key, scope), key => new Lazy<Task<PanelFigures>>(() => ComputeAsync(panel, scope))).Value;
    }

    /// <summary>Every panel's figures for a scope, in panel order.</summary>
    public async Task<IReadOnlyList<PanelFigures>> GetAllAsync(DashboardScope scope) =>
        await Task.WhenAll(_panels.Select(p => GetAsync(p.Key, scope)));

    /// <summary>Calls <paramref name="changed"/> with each panel's new figures whenever they move, until disposed.</summary>
    public IDisposable Watch(DashboardScope scope, Func<PanelFigures, Task> changed)
    {
        var watcher = new Watcher(this, scope, changed);
        _watchers.GetOrAdd(scope, _ => new ConcurrentDictionary<Watcher, byte>())[watcher] = 0;
        return watcher;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = _feed.Subscribe(OnChangesAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _subscription?.Dispose();

    /// <summary>The feed's batches come one at a time, so a burst is one recomputation per moved panel and watched scope.</summary>
    internal async Task OnChangesAsync(IReadOnlyList<EntityChange> changes)
    {
        var moved = _panels.Where(p => p.MovedBy(changes)).ToList();
        if (moved.Count == 0)
        {
            return;
        }

        foreach (var key in _cache.Keys.Where(k => moved.Any(p => p.Key == k.Panel)).ToList())
        {
            _cache.TryRemove(key, out _);
        }

        foreach (var (scope, watchers) in _watchers.ToList())
        {
            if (watchers.IsEmpty)
            {
                continue;
            }

            foreach (var panel in moved)
            {
                PanelFigures figures;
                try
                {
                    figures = await GetAsync(panel.Key, scope);
                }
                catch (Exception ex)
                {
                    _cache.TryRemove((panel.Key, scope), out _);
                    _logger.LogWarning(ex, "The dashboard panel {Panel} failed to compute for {Scope}.", panel.Key, scope);
                    continue;
                }

                foreach (var watcher in watchers.Keys)
                {
                    try
                    {
                        await watcher.Changed(figures);
                    }
                    catch (Exception ex)
                    {
                        // One closed page must not keep the others from hearing.
                        _logger.LogDebug(ex, "A dashboard watcher failed.");
                    }
                }
            }
        }
    }

    private async Task<PanelFigures> ComputeAsync(DashboardPanel panel, DashboardScope scope)
    {
        Interlocked.Increment(ref _computations);
        try
        {
            // The context factory lives per scope (its save pipeline knows who is signed in); the figures only read.
            await using var services = _scopes.CreateAsyncScope();
            await using var db = await services.ServiceProvider.GetRequiredService<IDbContextFactory<IntranetDbContext>>().CreateDbContextAsync();
            var today = DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
            var figures = await panel.ComputeAsync(db, scope, today, CancellationToken.None);
            return new PanelFigures(panel.Key, scope, figures, _time.GetUtcNow());
        }
        catch
        {
            // A failed computation is not kept: the next asking tries again.
            _cache.TryRemove((panel.Key, scope), out _);
            throw;
        }
    }

    private void Forget(Watcher watcher)
    {
        if (_watchers.TryGetValue(watcher.Scope, out var watchers) && watchers.TryRemove(watcher, out _) && watchers.IsEmpty)
        {
            // Nobody watches this scope now: its figures are not kept fresh (a later viewer computes them anew).
            foreach (var key in _cache.Keys.Where(k => k.Scope == watcher.Scope).ToList())
            {
                _cache.TryRemove(key, out _);
            }
        }
    }

    private sealed class Watcher(DashboardFigures owner, DashboardScope scope, Func<PanelFigures, Task> changed) : IDisposable
    {
        public DashboardScope Scope { get; } = scope;

        public Func<PanelFigures, Task> Changed { get; } = changed;

        public void Dispose() => owner.Forget(this);
    }
}
