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

        await BrowserFixture.ChooseAsync(page, "Type", "长期患病医疗费救助");
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

    [SkippableFact]
    public async Task Staff_run_a_campaign_from_cohort_to_completion_and_a_unit_officer_ticks_their_part()
    {
        var staff = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.DistrictStaff]);
        await staff.GotoAsync("/welfare/campaigns");
        await BrowserFixture.WaitForInteractiveAsync(staff);
        await staff.Locator("#new-campaign").ClickAsync();
        await BrowserFixture.WaitForInteractiveAsync(staff);
        await staff.Locator("input[name=CampaignName]").FillAsync("浏览器测试 春节慰问");
        await staff.Locator("input[name=Gift]").FillAsync("米、油");
        await staff.Locator("input[name=MinAge]").FillAsync("60");
        await staff.Locator("input[name=MinAge]").PressAsync("Tab");
        await Assertions.Expect(staff.Locator("#cohort-count")).ToContainTextAsync("3 位");
        await staff.GetByRole(AriaRole.Button, new() { Name = "建立活动并固定名单" }).ClickAsync();
        await Assertions.Expect(staff).ToHaveURLAsync(new Regex(@"/welfare/campaigns/\d+$"));
        await Assertions.Expect(staff.Locator("#campaign-total")).ToContainTextAsync("0 / 3");
        var campaignUrl = staff.Url;

        // The unit officer sees only their unit's part, opened at once, and ticks both people off.
        var officer = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.UnitOfficer]);
        await officer.GotoAsync(campaignUrl);
        await BrowserFixture.WaitForInteractiveAsync(officer);
        await Assertions.Expect(officer.Locator("#campaign-total")).ToContainTextAsync("0 / 2");
        for (var i = 0; i < 2; i++)
        {
            await officer.Locator(".record-visit").First.ClickAsync();
            await officer.Locator("#save-campaign-visit").ClickAsync();
            await Assertions.Expect(officer.Locator("#campaign-total")).ToContainTextAsync($"{i + 1} / 2");
        }

        await Assertions.Expect(officer.Locator(".record-visit")).ToHaveCountAsync(0);
        await BrowserFixture.SaveScreenshotAsync(officer, "campaign-officer");

        // Staff finish the other unit from the same page.
        await staff.GotoAsync(campaignUrl);
        await BrowserFixture.WaitForInteractiveAsync(staff);
        await Assertions.Expect(staff.Locator("#campaign-total")).ToContainTextAsync("2 / 3");
        await staff.GetByRole(AriaRole.Button, new() { Name = fixture.World.UnitB.Name }).ClickAsync();
        await staff.Locator(".record-visit").First.ClickAsync();
        await staff.Locator("#save-campaign-visit").ClickAsync();
        await Assertions.Expect(staff.Locator("#campaign-total")).ToContainTextAsync("3 / 3 人（100%）");
        await BrowserFixture.SaveScreenshotAsync(staff, "campaign-done");

        // The printable sheet of a unit lists its people with a signature column.
        var sheetUrl = await staff.Locator("a", new() { HasText = "打印慰问表" }).GetAttributeAsync("href");
        await staff.GotoAsync(sheetUrl!);
        await Assertions.Expect(staff.Locator(".sheet-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(staff.Locator(".sheet-table thead")).ToContainTextAsync("签收");
    }
}
