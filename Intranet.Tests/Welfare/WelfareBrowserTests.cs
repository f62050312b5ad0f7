using System.Text.RegularExpressions;
using Intranet.Domain.Accounts;
using Intranet.Domain.Welfare;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Intranet.Tests.Welfare;

/// <summary>Welfare work as staff do it in the browser, in an <see cref="AccessWorld"/> of this class's own.</summary>
public sealed partial class WelfareBrowserTests(AccessWorldApp fixture) : IClassFixture<AccessWorldApp>
{
    [SkippableFact]
    public async Task Staff_open_a_case_from_a_persons_page_pay_a_large_sum_after_confirming_follow_up_and_close_it()
    {
        var person = fixture.World.InUnitB;
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.DistrictStaff]);
        await page.GotoAsync($"/register/{person.Id}");
        await BrowserFixture.WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Tab, new() { Name = "帮扶" }).ClickAsync();
        await page.Locator("#new-case").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/welfare/cases/new"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        // Saving empty names what is missing, field by field, and saves nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.Locator(".save-errors")).ToContainTextAsync("请按提示修改");
        await Assertions.Expect(page.Locator(".field-error", new() { HasText = "请填写帮扶原因。" })).ToBeVisibleAsync();

        await page.Locator(".rz-dropdown", new() { Has = page.Locator("input[name=Type]") }).ClickAsync();
        await page.Locator(".rz-dropdown-item", new() { HasText = "长期患病医疗费救助" }).ClickAsync();
        await page.Locator("textarea[name=Reason]").FillAsync("患糖尿病多年，医疗费负担重");
        await page.Locator("input[name=Officer]").FillAsync("张丽");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/welfare/cases/\d+$"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        // A payment over the configured amount asks once more before it is saved.
        await page.GetByRole(AriaRole.Tab, new() { Name = "帮扶款（0）" }).ClickAsync();
        await page.Locator("input[name=Amount]").FillAsync("8000");
        await page.Locator("input[name=ApprovedBy]").FillAsync("王主任");
        await page.Locator("#add-payment").ClickAsync();
        await Assertions.Expect(page.GetByText("超过 5,000.00 元")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "金额无误，保存" }).ClickAsync();
        await Assertions.Expect(page.Locator("#case-paid")).ToContainTextAsync("8,000.00 元（1 笔）");

        await page.GetByRole(AriaRole.Tab, new() { Name = "回访记录（0）" }).ClickAsync();
        await page.Locator("textarea[name=FollowUpNote]").FillAsync("上门看望，病情稳定");
        await page.Locator("#add-follow-up").ClickAsync();
        await Assertions.Expect(page.Locator("#follow-ups")).ToContainTextAsync("上门看望，病情稳定");

        // This page's own saves are not news to it.
        await page.WaitForTimeoutAsync(800);
        await Assertions.Expect(page.Locator("#changed-elsewhere")).ToHaveCountAsync(0);
        await BrowserFixture.SaveScreenshotAsync(page, "welfare-case");

        await page.Locator("#close-case").ClickAsync();
        await page.Locator("input[name=CloseReason]").FillAsync("病情好转，困难解除");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认结案" }).ClickAsync();
        await Assertions.Expect(page.Locator(".case-status").First).ToHaveTextAsync("已结案");
        await Assertions.Expect(page.Locator("#add-payment")).ToHaveCountAsync(0);

        using var db = fixture.App.Database.CreateContext();
        var saved = await db.Set<WelfareCase>().Include(c => c.Payments).SingleAsync(c => c.RetireeId == person.Id);
        Assert.Equal((CaseStatus.Closed, 800_000L), (saved.Status, saved.Payments.Single().AmountFen));
    }
}
