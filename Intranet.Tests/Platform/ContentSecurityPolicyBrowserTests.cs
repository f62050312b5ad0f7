using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Intranet.Tests.Platform;

/// <summary>Runs on the same small demo register as the audit log's browser tests (an app of its own).</summary>
public sealed class ContentSecurityPolicyBrowserTests(Audit.AuditLogApp fixture) : IClassFixture<Audit.AuditLogApp>
{
    [SkippableFact]
    public async Task Blazor_and_Radzen_run_under_the_policy_without_a_single_violation()
    {
        var staff = await fixture.App.CreateAccountAsync(UserRole.DistrictStaff);
        var page = await fixture.Browser.NewPageAsync(fixture.App.ServerAddress);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        // Also the violations the console may not print: the page reports each one to us.
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        await BrowserFixture.SignInAsync(page, staff.UserName, staff.Password);

        await page.GotoAsync("/register");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator(".rz-pager-next").ClickAsync();
        await Assertions.Expect(page.Locator(".rz-pager-summary")).ToContainTextAsync("第 2 页");

        await page.Locator(".rz-form-field", new() { HasText = "单位" }).Locator(".rz-dropdown").First.ClickAsync();
        await Assertions.Expect(page.Locator(".rz-dropdown-panel:visible")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        int id;
        using (var scope = fixture.App.Services.CreateScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<IntranetDbContext>>().CreateDbContextAsync();
            id = await db.Retirees.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        }

        await page.GotoAsync($"/register/{id}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("[data-name=id-number]").GetByRole(AriaRole.Button, new() { Name = "显示完整" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-name=id-number]")).Not.ToContainTextAsync("*");
        await page.GetByRole(AriaRole.Tab, new() { Name = "变更历史" }).ClickAsync();
        await Assertions.Expect(page.Locator(".audit-history")).ToBeVisibleAsync();

        Assert.Empty(violations);
    }
}
