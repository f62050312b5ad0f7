using Intranet.Tests.Support;

namespace Intranet.Tests.Accounts;

/// <summary>The <see cref="AccessWorld"/> on Kestrel with a browser beside it, for the browser tests that need one.</summary>
public class AccessWorldApp : IAsyncLifetime
{
    public KestrelApp App { get; private set; } = default!;

    public AccessWorld World { get; private set; } = default!;

    public BrowserFixture Browser { get; } = new();

    public virtual async Task InitializeAsync()
    {
        App = await KestrelApp.StartAsync(settings: Settings);
        World = await AccessWorld.CreateAsync(App);
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }

    protected virtual IDictionary<string, string?>? Settings => null;
}
