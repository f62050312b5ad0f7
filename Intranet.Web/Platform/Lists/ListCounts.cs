using System.Collections.Concurrent;
using Intranet.Domain.Data;
using Intranet.Web.Platform.Live;

namespace Intranet.Web.Platform.Lists;

/// <summary>
/// How many rows a list's filter matches, counted once and shared by every open page that asks the same question
/// (the same entity, scope and filter), until a committed change to that entity comes through the change feed.
/// Opening the register at city scale counts 100,000 rows; twenty staff opening it in the morning need that once.
/// </summary>
public sealed class ListCounts : IDisposable
{
    // A safety net for writes that bypass the save pipeline (bulk updates): no count is trusted for longer than this.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const int MaxEntries = 2000;

    private readonly ConcurrentDictionary<(string Entity, object Key), Entry> _counts = new();
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;

    public ListCounts(ChangeFeed feed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(feed);
        _time = time;
        _subscription = feed.Subscribe(changes =>
        {
            foreach (var entity in changes.Select(c => c.Entity).Distinct(StringComparer.Ordinal))
            {
                _generations.AddOrUpdate(entity, 1, (_, generation) => generation + 1);
            }

            return Task.CompletedTask;
        });
    }

    /// <param name="entity">The entity counted, as the change feed names it (<c>nameof(Retiree)</c>).</param>
    /// <param name="key">
    /// Everything the count depends on besides the data, with value equality: the scope, the role where it changes
    /// the filter's meaning, the filter, and the date where the filter reads ages.
    /// </param>
    public async Task<int> CountAsync(string entity, object key, Func<CancellationToken, Task<int>> count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(count);
        var generation = _generations.GetValueOrDefault(entity);
        var now = _time.GetUtcNow();
        if (_counts.TryGetValue((entity, key), out var cached) && cached.Generation == generation && now - cached.At < Lifetime)
        {
            return cached.Count;
        }

        var counted = await count(cancellationToken);

        // A change committed while counting may or may not be in the number: keep it only if none came through.
        if (_generations.GetValueOrDefault(entity) == generation)
        {
            if (_counts.Count >= MaxEntries)
            {
                _counts.Clear();
            }

            _counts[(entity, key)] = new Entry(counted, generation, now);
        }

        return counted;
    }

    /// <summary>Drops every count, so the next asks count afresh (the benchmark measures the first open this way).</summary>
    public void Forget() => _counts.Clear();

    public void Dispose() => _subscription.Dispose();

    private sealed record Entry(int Count, long Generation, DateTimeOffset At);
}
