using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Intranet.Web.Platform;

/// <summary>
/// Opening a page renders it twice: prerendered into the HTTP response, then again when the circuit starts.
/// What must happen once per visit, such as writing a denied-access line, is done by the first pass and
/// remembered for the second in the prerendered page's persisted state. A later visit in the same circuit
/// (another click on the link) is a visit of its own and runs it again.
/// </summary>
public sealed class OncePerVisit(PersistentComponentState state) : IDisposable
{
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private PersistingComponentStateSubscription? _subscription;

    public async Task RunAsync(string key, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (state.TryTakeFromJson<bool>(key, out var doneWhilePrerendering) && doneWhilePrerendering)
        {
            return;
        }

        await action();
        _done.Add(key);
        _subscription ??= state.RegisterOnPersisting(PersistAsync, RenderMode.InteractiveServer);
    }

    public void Dispose() => _subscription?.Dispose();

    private Task PersistAsync()
    {
        foreach (var key in _done)
        {
            state.PersistAsJson(key, true);
        }

        return Task.CompletedTask;
    }
}
