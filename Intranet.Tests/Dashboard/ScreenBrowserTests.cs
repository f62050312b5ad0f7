using Intranet.Domain.Accounts;
using Intranet.Domain.Welfare;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Welfare;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Intranet.Tests.Dashboard;

/// <summary>The wall screen on a 1920×1080 TV: no chrome, no names, live.</summary>
public sealed class ScreenBrowserTests(AccessWorldApp fixture) : IClassFixture<AccessWorldApp>
{
    [SkippableFact]
    public async Task The_screen_shows_figures_without_chrome_or_names_and_brings_a_moved_panel_on_screen()
    {
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.Leadership]);
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync("/screen");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#screen-state")).ToContainTextAsync("实时");
        await Assertions.Expect(page.Locator(".rz-header")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".rz-sidebar")).ToHaveCountAsync(0);

        await using (var scope = await fixture.App.ScopeForAsync(fixture.World[UserRole.DistrictStaff]))
        {
            var commands = scope.ServiceProvider.GetRequiredService<WelfareCommands>();
            Assert.True((await commands.OpenCaseAsync(new CaseForm
            {
                RetireeId = fixture.World.InUnitB.Id, Type = CaseType.MedicalRelief, Reason = "大屏测试", Officer = "张丽", OpenedOn = commands.Today,
            })).Succeeded);
        }

        // The welfare panel comes on screen with the new count, outlined; no person's name is anywhere on it.
        await Assertions.Expect(page.Locator("#screen-panel h2")).ToHaveTextAsync("帮扶与慰问", new() { Timeout = 3000 });
        await Assertions.Expect(page.Locator("#screen-panel")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("panel-moved"));
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var person in new[] { fixture.World.InUnitA, fixture.World.InUnitB, fixture.World.InGroupA })
        {
            Assert.DoesNotContain(person.Name, text, StringComparison.Ordinal);
        }

        await BrowserFixture.SaveScreenshotAsync(page, "screen");

        // A unit officer may not open it.
        var officer = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.UnitOfficer]);
        await officer.GotoAsync("/screen");
        await Assertions.Expect(officer.Locator("#screen-state")).ToHaveCountAsync(0);
    }
}
