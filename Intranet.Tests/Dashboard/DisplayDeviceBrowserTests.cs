using Intranet.Domain.Accounts;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Intranet.Tests.Dashboard;

/// <summary>A TV in the meeting room: an administrator gives it a link, it shows the screen signed in as no one, and stops when revoked.</summary>
public sealed class DisplayDeviceBrowserTests(AccessWorldApp fixture) : IClassFixture<AccessWorldApp>
{
    [SkippableFact]
    public async Task An_administrator_links_a_display_which_shows_the_screen_until_revoked()
    {
        var admin = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.Administrator]);
        await admin.GotoAsync("/admin/screens");
        await BrowserFixture.WaitForInteractiveAsync(admin);
        await admin.Locator("input[name=DeviceName]").FillAsync("三楼会议室电视");
        await admin.Locator("#new-device").ClickAsync();
        var link = await admin.Locator("#device-link").InnerTextAsync();
        Assert.Contains("/screen/device#", link, StringComparison.Ordinal);
        await Assertions.Expect(admin.Locator("#devices")).ToContainTextAsync("三楼会议室电视");

        // The display is signed in as nobody: the link alone opens the screen, and its secret never reaches the server.
        var tv = await fixture.Browser.NewPageAsync(fixture.App.ServerAddress);
        var requests = new List<string>();
        tv.Request += (_, request) => requests.Add(request.Url);
        await tv.SetViewportSizeAsync(1920, 1080);
        await tv.GotoAsync(new Uri(link).PathAndQuery + new Uri(link).Fragment);
        await Assertions.Expect(tv.Locator("#screen-state")).ToContainTextAsync("实时");
        var secret = new Uri(link).Fragment.TrimStart('#');
        Assert.DoesNotContain(requests, url => url.Contains(secret, StringComparison.Ordinal));

        using (var db = fixture.App.Database.CreateContext())
        {
            Assert.NotNull((await db.Set<DisplayDevice>().SingleAsync(d => d.Name == "三楼会议室电视")).LastUsedAt);
            Assert.DoesNotContain(secret, string.Join("\n", await db.AuditEntries.Select(a => a.Changes ?? string.Empty).ToListAsync()), StringComparison.Ordinal);
        }

        // A made-up link shows nothing.
        var stranger = await fixture.Browser.NewPageAsync(fixture.App.ServerAddress);
        await stranger.GotoAsync("/screen/device#not-a-real-secret");
        await Assertions.Expect(stranger.Locator("#device-refused")).ToBeVisibleAsync();

        // Revoked: the screen on the wall goes dark at once, without a reload.
        await admin.Locator("#devices tr", new() { HasText = "三楼会议室电视" }).GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await admin.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#devices")).ToContainTextAsync("已停用");
        await Assertions.Expect(tv.Locator("#device-refused")).ToBeVisibleAsync(new() { Timeout = 3000 });
    }
}

/// <summary>The screen on the wall outlives a restart of the server: it finds the new server by itself and is live again.</summary>
public sealed class DisplayDeviceRestartTests : IAsyncLifetime
{
    private readonly BrowserFixture _browser = new();
    private KestrelApp _app = default!;

    public async Task InitializeAsync()
    {
        _app = await KestrelApp.StartAsync();
        await _browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [SkippableFact]
    public async Task A_display_shows_the_screen_again_after_the_server_restarts_without_anyone_touching_it()
    {
        string token;
        await using (var scope = await _app.ScopeForAsync(await _app.CreateAccountAsync(UserRole.Administrator)))
        {
            var created = await scope.ServiceProvider.GetRequiredService<Intranet.Web.Dashboard.DisplayDevices>().CreateAsync("大厅电视");
            token = created.Value!.Token;
        }

        var tv = await _browser.NewPageAsync(_app.ServerAddress);
        await tv.GotoAsync("/screen/device#" + token);
        await Assertions.Expect(tv.Locator("#screen-state")).ToContainTextAsync("实时");
        await tv.EvaluateAsync("() => window.beforeRestart = true");

        await _app.RestartAsync();

        // The old circuit is gone with the old server: the page reloads itself (the marker is gone) and is live again.
        await tv.WaitForFunctionAsync("() => window.beforeRestart === undefined", null, new() { Timeout = 60000 });
        await Assertions.Expect(tv.Locator("#screen-state")).ToContainTextAsync("实时", new() { Timeout = 30000 });
    }
}
