using Intranet.Domain.Data;
using Microsoft.AspNetCore.Components;

namespace Intranet.Web.Platform.Live;

/// <summary>
/// A page that follows the change feed: it subscribes once it is on screen (not while prerendering), handles each
/// batch on its own dispatcher through <see cref="ComponentBase.InvokeAsync(Func{Task})"/>, reports failures to the
/// page's error boundary and unsubscribes when it goes away. No polling.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [Inject]
    private ChangeFeed Feed { get; set; } = default!;

    public void Dispose()
    {
        _subscription?.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>What the page does with the changes that concern it; called on the page's dispatcher.</summary>
    protected abstract Task OnChangesAsync(IReadOnlyList<EntityChange> changes);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _subscription = Feed.Subscribe(changes => InvokeAsync(async () =>
            {
                try
                {
                    await OnChangesAsync(changes);
                    StateHasChanged();
                }
                catch (Exception ex)
                {
                    await DispatchExceptionAsync(ex);
                }
            }));
        }
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
