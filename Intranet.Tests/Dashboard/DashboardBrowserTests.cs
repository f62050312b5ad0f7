using Intranet.Domain.Accounts;
using Intranet.Domain.Welfare;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Welfare;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Intranet.Tests.Dashboard;

/// <summary>The dashboard as leadership leave it open: a save elsewhere shows on it without a reload.</summary>
public sealed class DashboardBrowserTests(AccessWorldApp fixture) : IClassFixture<AccessWorldApp>
{
    [SkippableFact]
    public async Task A_case_opened_elsewhere_moves_the_open_dashboard_at_once_and_the_panel_says_so()
    {
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.Leadership]);

        // Signing in lands on the dashboard.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "领导驾驶舱" })).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#live-state")).ToContainTextAsync("实时");
        var openCases = page.Locator("#panel-welfare .kpi", new() { HasText = "在办个案" }).Locator(".kpi-value");
        var before = int.Parse(await openCases.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await using (var scope = await fixture.App.ScopeForAsync(fixture.World[UserRole.DistrictStaff]))
        {
            var commands = scope.ServiceProvider.GetRequiredService<WelfareCommands>();
            var opened = await commands.OpenCaseAsync(new CaseForm
            {
                RetireeId = fixture.World.InUnitB.Id, Type = CaseType.MedicalRelief, Reason = "驾驶舱测试", Officer = "张丽", OpenedOn = commands.Today,
            });
            Assert.True(opened.Succeeded);
        }

        await Assertions.Expect(openCases).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 3000 });
        await Assertions.Expect(page.Locator("#panel-welfare")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("panel-moved"));
        await BrowserFixture.SaveScreenshotAsync(page, "dashboard-moved");
    }
}
