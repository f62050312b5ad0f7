using Intranet.Domain.Accounts;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Microsoft.Playwright;

namespace Intranet.Tests.Register.Import;

public sealed class ImportBrowserTests(AccessWorldApp fixture) : IClassFixture<AccessWorldApp>
{
    [SkippableFact]
    public async Task A_unit_officer_uploads_a_messy_sheet_and_sees_each_row_with_its_reason_and_no_full_number()
    {
        var world = fixture.World;
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, world[UserRole.UnitOfficer]);

        // From the register's own page, as a person finds it.
        await page.GotoAsync("/register");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "导入退休教工名册" })).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "石室小学花名册.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = TestSheets.Xlsx(MessySheet.Rows(typed: true)),
        });

        var summary = page.Locator(".import-counts");
        await Assertions.Expect(summary).ToContainTextAsync("新增 5");
        await Assertions.Expect(summary).ToContainTextAsync("拒绝 4");
        await Assertions.Expect(page.Locator(".import-unknown")).ToContainTextAsync("爱好");

        // The refused rows first, each with its reason in Chinese.
        await page.Locator(".import-show").ClickAsync();
        await page.Locator(".rz-dropdown-panel:visible li", new() { HasTextString = "拒绝" }).ClickAsync();
        var rows = page.Locator(".import-grid tbody tr.rz-data-row");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        await Assertions.Expect(rows.Filter(new() { HasTextString = "钱芳" })).ToContainTextAsync("校验位不正确");
        await Assertions.Expect(rows.Filter(new() { HasTextString = "孙丽" })).ToContainTextAsync("名册中没有单位“石室中学附属小学”");
        await Assertions.Expect(rows.Filter(new() { HasTextString = "周杰" })).ToContainTextAsync("相近的有：“甲一组”");
        await Assertions.Expect(rows.Filter(new() { HasTextString = "吴敏" })).ToContainTextAsync("与身份证号码中的出生日期不符");

        // An officer sees ID numbers masked elsewhere, so here too: never the full number the sheet holds.
        await Assertions.Expect(rows.Filter(new() { HasTextString = "孙丽" })).ToContainTextAsync("510105************");
        var html = await page.ContentAsync();
        Assert.DoesNotContain("510105195505050645", html, StringComparison.Ordinal);
        Assert.DoesNotContain(MessySheet.WangId, html, StringComparison.Ordinal);

        await page.Locator(".import-show").ClickAsync();
        await page.Locator(".rz-dropdown-panel:visible li", new() { HasTextString = "新增" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^确认导入") }).ClickAsync();
        await Assertions.Expect(page.Locator(".import-done")).ToContainTextAsync("新增 5 人");
    }
}
