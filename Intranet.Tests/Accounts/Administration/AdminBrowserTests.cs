using Intranet.Domain.Accounts;
using Intranet.Tests.Support;
using Microsoft.Playwright;

namespace Intranet.Tests.Accounts.Administration;

/// <summary>The app on Kestrel with an empty register, started once for this class; each test adds what it needs.</summary>
public sealed class AdminBrowserApp : IAsyncLifetime
{
    public KestrelApp App { get; private set; } = default!;

    public BrowserFixture Browser { get; } = new();

    public async Task InitializeAsync()
    {
        App = await KestrelApp.StartAsync();
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }
}

/// <summary>The tests share one app; each makes its own accounts and units in it.</summary>
[CollectionDefinition(Name)]
public sealed class AdminBrowserCollection : ICollectionFixture<AdminBrowserApp>
{
    public const string Name = "Admin pages in a browser";
}

[Collection(AdminBrowserCollection.Name)]
public sealed class AdminBrowserTests(AdminBrowserApp fixture)
{
    [SkippableFact]
    public async Task An_administrator_creates_a_unit_officer_who_signs_in_and_sets_a_password()
    {
        var app = fixture.App;
        var admin = await app.CreateAccountAsync(UserRole.Administrator, displayName: "系统管理员");
        string unitName;
        await using (var db = app.Db())
        {
            var make = new RegisterBuilder(db);
            var unit = make.Unit();
            unitName = unit.Name;
            make.Retiree(unit, "测试退休教工");
        }

        var page = await fixture.Browser.NewPageAsync(app.ServerAddress);
        await BrowserFixture.SignInAsync(page, admin.UserName, admin.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "账户管理" })).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);

        await page.Locator("#new-account").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "新建账户" })).ToBeVisibleAsync();
        // A login name already in use comes back as a message on the form.
        await TypeAsync(page.Locator("#account-username"), admin.UserName);
        await TypeAsync(page.Locator("#account-displayname"), "重名的人");
        await ChooseAsync(page, "#account-role", "区退管会工作人员");
        await page.Locator("#save-account").ClickAsync();
        await Assertions.Expect(page.Locator("#form-errors")).ToContainTextAsync($"登录名“{admin.UserName}”已被使用。");
        await BrowserFixture.SaveScreenshotAsync(page, "admin-account-duplicate");

        await TypeAsync(page.Locator("#account-username"), "zhoujie");
        await TypeAsync(page.Locator("#account-displayname"), "周杰（单位退管干部）");
        await ChooseAsync(page, "#account-role", "单位退管干部");
        await ChooseAsync(page, "#account-unit", unitName, filter: true);
        await BrowserFixture.SaveScreenshotAsync(page, "admin-account-form");
        await page.Locator("#save-account").ClickAsync();

        var password = page.Locator("#one-time-password");
        await Assertions.Expect(password).ToBeVisibleAsync();
        var temporary = (await password.InnerTextAsync()).Trim();
        Assert.Matches("^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$", temporary);
        await Assertions.Expect(page.Locator(".one-time-password")).ToContainTextAsync("只显示这一次");
        await BrowserFixture.SaveScreenshotAsync(page, "admin-account-created");

        // The list shows the new account waiting for its first password change.
        await page.GetByRole(AriaRole.Button, new() { Name = "返回账户列表" }).ClickAsync();
        var row = page.Locator("tbody tr.rz-data-row", new() { HasText = "zhoujie" });
        await Assertions.Expect(row).ToContainTextAsync("须改密码");
        await Assertions.Expect(row).ToContainTextAsync(unitName);
        await BrowserFixture.SaveScreenshotAsync(page, "admin-accounts");

        // Say the password was lost before it reached her: a reset issues another, shown once in a dialog.
        await row.GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        var dialog = page.Locator(".rz-dialog", new() { HasText = "我已记下" });
        await Assertions.Expect(dialog.Locator("#one-time-password")).ToBeVisibleAsync();
        var reset = (await dialog.Locator("#one-time-password").InnerTextAsync()).Trim();
        Assert.NotEqual(temporary, reset);
        await BrowserFixture.SaveScreenshotAsync(page, "admin-password-reset");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "我已记下" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        temporary = reset;

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await page.WaitForURLAsync("**/account/login");

        await BrowserFixture.SignInAsync(page, "zhoujie", temporary);
        await page.WaitForURLAsync("**/account/change-password");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "修改密码" })).ToBeVisibleAsync();
        await page.Locator("#current").FillAsync(temporary);
        await page.Locator("#new").FillAsync("my-own-password-2026");
        await page.Locator("#confirm").FillAsync("my-own-password-2026");
        await page.Locator("button[type=submit]").ClickAsync();

        // They land on their unit's dashboard, and their register holds their unit's one person.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "领导驾驶舱" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#panel-register .kpi-value").First).ToHaveTextAsync("1");
        await page.GotoAsync("/register");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "退休教工名册" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#register-total")).ToHaveTextAsync("共 1 人");
        await BrowserFixture.SaveScreenshotAsync(page, "admin-new-officer-register");
    }

    [SkippableFact]
    public async Task An_administrator_adds_a_unit_with_a_group_and_is_told_why_a_used_unit_stays()
    {
        var app = fixture.App;
        var admin = await app.CreateAccountAsync(UserRole.Administrator);
        string usedUnit;
        await using (var db = app.Db())
        {
            var make = new RegisterBuilder(db);
            var unit = make.Unit();
            usedUnit = unit.Name;
            make.Retiree(unit, "在册老师");
        }

        var page = await fixture.Browser.NewPageAsync(app.ServerAddress);
        await BrowserFixture.SignInAsync(page, admin.UserName, admin.Password);
        await page.GotoAsync("/admin/units");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "单位管理" })).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);

        await page.Locator("#new-unit").ClickAsync();
        await TypeAsync(page.Locator("#unit-name"), "青羊实验幼儿园");
        await ChooseAsync(page, "#unit-kind", "幼儿园");
        await TypeAsync(page.Locator("#unit-officer"), "黄老师");
        await TypeAsync(page.Locator("#unit-phone"), "028-86001234");
        await page.Locator("#save-unit").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "编辑单位" })).ToBeVisibleAsync();

        await page.Locator("#new-group").ClickAsync();
        await TypeAsync(page.Locator("#group-name"), "第一退休小组");
        await page.Locator("#save-group").ClickAsync();
        await Assertions.Expect(page.Locator(".groups-grid tbody tr.rz-data-row", new() { HasText = "第一退休小组" })).ToBeVisibleAsync();

        // The same name again is refused with a message, not an error page.
        await page.Locator("#new-group").ClickAsync();
        await TypeAsync(page.Locator("#group-name"), "第一退休小组");
        await page.Locator("#save-group").ClickAsync();
        await Assertions.Expect(page.Locator("#group-errors")).ToContainTextAsync("小组名称在单位内不能重复");
        await BrowserFixture.SaveScreenshotAsync(page, "admin-unit-edit");

        await page.GetByRole(AriaRole.Button, new() { Name = "返回列表" }).ClickAsync();
        var used = page.Locator(".units-grid tbody tr.rz-data-row", new() { HasText = usedUnit });
        await used.GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        var refusal = page.Locator(".rz-dialog", new() { HasText = "知道了" });
        await Assertions.Expect(refusal).ToContainTextAsync("还有 1 名退休教工的记录（含已故），不能删除");
        await BrowserFixture.SaveScreenshotAsync(page, "admin-unit-delete-refused");
        await refusal.GetByRole(AriaRole.Button, new() { Name = "知道了" }).ClickAsync();
        await Assertions.Expect(page.Locator(".units-grid tbody tr.rz-data-row", new() { HasText = "青羊实验幼儿园" })).ToContainTextAsync("1 个");
        await BrowserFixture.SaveScreenshotAsync(page, "admin-units");

        // The new group is there to choose for a group leader, once its unit is chosen.
        await page.GotoAsync("/admin/users/new");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await TypeAsync(page.Locator("#account-username"), "huangzz");
        await TypeAsync(page.Locator("#account-displayname"), "黄组长");
        await ChooseAsync(page, "#account-role", "退休小组长");
        await ChooseAsync(page, "#account-unit", "青羊实验幼儿园", filter: true);
        await ChooseAsync(page, "#account-group", "第一退休小组");
        await BrowserFixture.SaveScreenshotAsync(page, "admin-group-leader-form");
        await page.Locator("#save-account").ClickAsync();
        await Assertions.Expect(page.Locator("#one-time-password")).ToBeVisibleAsync();
    }

    /// <summary>Radzen's text boxes bind on change, which a browser fires when the field loses focus.</summary>
    private static async Task TypeAsync(ILocator input, string text)
    {
        await input.FillAsync(text);
        await input.BlurAsync();
    }

    private static async Task ChooseAsync(IPage page, string dropdown, string item, bool filter = false)
    {
        await page.Locator(dropdown).ClickAsync();
        var panel = page.Locator(".rz-dropdown-panel:visible");
        if (filter)
        {
            await panel.Locator("input.rz-dropdown-filter").FillAsync(item);
        }

        await panel.Locator("li.rz-dropdown-item", new() { HasTextString = item }).First.ClickAsync();
        await Assertions.Expect(page.Locator(dropdown)).ToContainTextAsync(item);
    }
}
