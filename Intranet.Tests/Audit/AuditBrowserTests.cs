using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Intranet.Tests.Audit;

/// <summary>The app with a small demo register and an administrator, started once for this class.</summary>
public sealed class AuditLogApp : IAsyncLifetime
{
    public KestrelApp App { get; private set; } = default!;

    public BrowserFixture Browser { get; } = new();

    public async Task InitializeAsync()
    {
        App = await KestrelApp.StartAsync(demoRetirees: 200);
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }
}

public sealed class AuditBrowserTests(AuditLogApp fixture) : IClassFixture<AuditLogApp>
{
    [SkippableFact]
    public async Task An_administrator_finds_a_persons_changes_and_opens_one()
    {
        var admin = await fixture.App.CreateAccountAsync(UserRole.Administrator, displayName: "系统管理员");
        var (name, fromUnit, toUnit) = await MoveARetireeAsync();

        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, admin);
        await page.GotoAsync("/admin/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "审计日志" })).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await BrowserFixture.SaveScreenshotAsync(page, "audit-log");

        await page.Locator("input[name=person]").FillAsync(name);
        await page.Locator("input[name=person]").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#audit-total")).ToHaveTextAsync("共 1 条");
        var row = page.Locator("tbody tr.rz-data-row").First;
        await Assertions.Expect(row).ToContainTextAsync("修改");
        await Assertions.Expect(row).ToContainTextAsync("clerk.wang");
        await Assertions.Expect(row).ToContainTextAsync($"单位: {fromUnit} → {toUnit}");

        await row.Locator(".rz-row-toggler").ClickAsync();
        var changes = page.Locator("table.audit-changes");
        await Assertions.Expect(changes).ToBeVisibleAsync();
        await Assertions.Expect(changes.Locator("tr[data-field=UnitId]")).ToContainTextAsync(toUnit);
        await Assertions.Expect(changes.Locator("tr[data-field=CareCategories]")).ToContainTextAsync("独居、空巢");
        await BrowserFixture.SaveScreenshotAsync(page, "audit-log-expanded");
    }

    /// <summary>A staff member moves a demo retiree to another unit and marks her as living alone, through the audited context.</summary>
    private async Task<(string Name, string From, string To)> MoveARetireeAsync()
    {
        await using var db = new IntranetDbContext(fixture.App.Database.Options(new Author("clerk.wang")));
        var retiree = await db.Retirees.Include(r => r.Unit).Where(r => !r.IsDeceased).OrderBy(r => r.Id).FirstAsync();
        var target = await db.Units.Where(u => u.Id != retiree.UnitId).OrderBy(u => u.Id).FirstAsync();
        var from = retiree.Unit!.Name;
        retiree.Unit = null;
        retiree.UnitId = target.Id;
        retiree.CareCategories = CareCategories.LivingAlone | CareCategories.EmptyNest;
        retiree.Notes = "子女在外地工作";
        await db.SaveChangesAsync();
        return (retiree.Name, from, target.Name);
    }

    // Not CurrentUser: that reads the ambient HttpContext, and setting one would sign the app's own work in this test flow too.
    private sealed record Author(string UserName) : Domain.Common.ICurrentUser;
}
