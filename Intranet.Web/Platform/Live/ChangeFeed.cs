using Intranet.Domain.Data;
using Microsoft.Extensions.Options;

namespace Intranet.Web.Platform.Live;

public sealed class ChangeFeedOptions
{
    public const string Section = "ChangeFeed";

    /// <summary>Changes within this window go out together: an import of 10,000 rows is a few notices, not 10,000.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>
/// The app's one live feed of committed changes (fed by <see cref="ChangeFeedInterceptor"/>): subscribers get
/// bursts as one batch, after a short window, on a thread of the feed's own — components go through InvokeAsync.
/// </summary>
public sealed class ChangeFeed(IOptions<ChangeFeedOptions> options, TimeProvider time, ILogger<ChangeFeed> logger) : IChangeSink, IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscribers = [];
    private List<EntityChange> _pending = [];
    private ITimer? _timer;

    public void Publish(IReadOnlyList<EntityChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_lock)
        {
            _pending.AddRange(changes);
            _timer ??= time.CreateTimer(_ => _ = FlushAsync(), null, options.Value.Window, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Calls <paramref name="handler"/> with each batch until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Func<IReadOnlyList<EntityChange>, Task> handler)
    {
        var subscription = new Subscription(this, handler);
        lock (_lock)
        {
            _subscribers.Add(subscription);
        }

        return subscription;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private async Task FlushAsync()
    {
        List<EntityChange> batch;
        Subscription[] subscribers;
        lock (_lock)
        {
            batch = _pending;
            _pending = [];
            _timer?.Dispose();
            _timer = null;
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            try
            {
                await subscriber.Handler(batch);
            }
            catch (Exception ex)
            {
                // One failing page must not keep the others from hearing.
                logger.LogWarning(ex, "A change-feed subscriber failed on a batch of {Count} changes.", batch.Count);
            }
        }
    }

    private sealed class Subscription(ChangeFeed feed, Func<IReadOnlyList<EntityChange>, Task> handler) : IDisposable
    {
        public Func<IReadOnlyList<EntityChange>, Task> Handler { get; } = handler;

        public void Dispose()
        {
            lock (feed._lock)
            {
                feed._subscribers.Remove(this);
            }
        }
    }
}
