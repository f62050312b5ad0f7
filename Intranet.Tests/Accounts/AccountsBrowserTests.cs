using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Intranet.Tests.Accounts;

/// <summary>The <see cref="AccessWorld"/> on Kestrel with a short idle timeout, for a real browser.</summary>
public sealed class AccountsBrowserApp : AccessWorldApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Accounts:IdleTimeout"] = "00:00:04" };
}

public sealed class AccountsBrowserTests(AccountsBrowserApp fixture) : IClassFixture<AccountsBrowserApp>
{
    private AccessWorld World => fixture.World;

    [SkippableTheory]
    [InlineData(UserRole.DistrictStaff, 3)]
    [InlineData(UserRole.UnitOfficer, 2)]
    [InlineData(UserRole.GroupLeader, 1)]
    [InlineData(UserRole.Leadership, 3)]
    public async Task Each_role_signs_in_and_sees_exactly_its_scope(UserRole role, int people)
    {
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, World[role]);

        // Each lands on its home: the dashboard for those who read it, the register for a group leader.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(role.CanReadDashboard() ? "/dashboard$" : "/register$"));
        await page.GotoAsync("/register");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#register-total")).ToHaveTextAsync($"共 {people} 人");
        await Assertions.Expect(page.Locator(".user-box")).ToContainTextAsync(role.Label());

        // Editing is offered only to the roles that may edit; the server refuses the others anyway.
        var mayEdit = role.CanEditRecords();
        Assert.Equal(mayEdit, await page.GetByRole(AriaRole.Button, new() { Name = "新增退休教工" }).CountAsync() == 1);
        await BrowserFixture.SaveScreenshotAsync(page, $"register-as-{role}");
    }

    [SkippableFact]
    public async Task An_officer_reveals_an_id_number_and_the_look_is_logged()
    {
        var officer = World[UserRole.UnitOfficer];
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, officer);

        await page.GotoAsync($"/register/{World.InUnitA.Id}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var id = page.Locator("[data-name=id-number]");
        await Assertions.Expect(id).ToContainTextAsync("********");
        await id.GetByRole(AriaRole.Button, new() { Name = "显示完整" }).ClickAsync();
        await Assertions.Expect(id).ToContainTextAsync(World.InUnitA.IdNumber);

        using var db = fixture.App.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Reveal && a.UserName == officer.UserName && a.RetireeId == World.InUnitA.Id));
    }

    [SkippableFact]
    public async Task Staff_edit_a_record_and_find_the_change_in_its_history()
    {
        var staff = World[UserRole.DistrictStaff];
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, staff);

        await page.GotoAsync($"/register/{World.InUnitB.Id}/edit");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("input[name=Address]").FillAsync("青羊区少城路8号");

        // The phone number on record stays masked until it is asked for, to change it.
        await Assertions.Expect(page.Locator("input[name=Phone-masked]")).ToHaveValueAsync("139****6666");
        await page.Locator(".masked-input", new() { Has = page.Locator("input[name=Phone-masked]") }).GetByRole(AriaRole.Button, new() { Name = "显示并修改" }).ClickAsync();
        await Assertions.Expect(page.Locator("input[name=Phone]")).ToHaveValueAsync("13955556666");
        await page.Locator("input[name=Phone]").FillAsync("abc");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error").First).ToContainTextAsync("电话只能包含数字");

        await page.Locator("input[name=Phone]").FillAsync("13877778888");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/register/{World.InUnitB.Id}$"));

        await page.GetByRole(AriaRole.Tab, new() { Name = "变更历史" }).ClickAsync();
        var history = page.Locator(".rz-tabview-panel:visible");
        await Assertions.Expect(history).ToContainTextAsync("住址");
        await Assertions.Expect(history).ToContainTextAsync("青羊区少城路8号");
        await Assertions.Expect(history).ToContainTextAsync(staff.UserName);
        await BrowserFixture.SaveScreenshotAsync(page, "retiree-history");
    }

    [SkippableFact]
    public async Task An_idle_page_signs_itself_out()
    {
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, World[UserRole.DistrictStaff]);
        await BrowserFixture.WaitForInteractiveAsync(page);

        // The idle timeout is 4 seconds here; nothing is clicked.
        await page.WaitForURLAsync("**/account/login?expired=1", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".account-message.info")).ToContainTextAsync("长时间未操作");

        await page.GotoAsync("/register");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
