using System.Text.RegularExpressions;
using Intranet.Domain.Accounts;
using Intranet.Domain.Contests;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Intranet.Tests.Contests;

/// <summary>Contests as staff run them in the browser, in an <see cref="AccessWorld"/> of this class's own.</summary>
public sealed class ContestBrowserTests(AccessWorldApp fixture) : IClassFixture<AccessWorldApp>
{
    [SkippableFact]
    public async Task Staff_create_a_contest_enter_a_retiree_record_the_result_and_see_it_on_the_persons_honours_tab()
    {
        var person = fixture.World.InUnitB;
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.DistrictStaff]);
        await page.GotoAsync("/contests");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("#new-contest").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/contests/new$"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        // Saving empty names what is missing and saves nothing.
        await page.Locator("#save-contest").ClickAsync();
        await Assertions.Expect(page.Locator(".field-error", new() { HasText = "请填写比赛名称。" })).ToBeVisibleAsync();

        await page.Locator("input[name=Title]").FillAsync("浏览器测试 市老年摄影比赛");
        await BrowserFixture.ChooseAsync(page, "Kind", "摄影");
        await BrowserFixture.ChooseAsync(page, "Level", "市级");
        await page.Locator("input[name=Organiser]").FillAsync("市老年大学协会");
        await page.Locator("#save-contest").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/contests/\d+$"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        // Enter the person through the picker, then the result.
        await page.Locator("#entry-form .rz-dropdown").First.ClickAsync();
        var panel = page.Locator(".rz-dropdown-panel:visible");
        await panel.Locator("input.rz-dropdown-filter").FillAsync(person.Name);
        await panel.Locator("li.rz-dropdown-item", new() { HasTextString = person.Name }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#entry-form .rz-dropdown").First).ToContainTextAsync(person.Name);
        await page.Locator("input[name=EntryTitle]").FillAsync("《锦江晨光》");
        await page.Locator("#add-entry").ClickAsync();
        await Assertions.Expect(page.Locator(".entries-grid")).ToContainTextAsync("《锦江晨光》");
        await Assertions.Expect(page.Locator(".entries-grid")).ToContainTextAsync("未评奖");

        await page.Locator(".record-result").First.ClickAsync();
        await Assertions.Expect(page.Locator("#result-form")).ToBeVisibleAsync();
        await BrowserFixture.ChooseAsync(page, "Rank", "一等奖");
        await page.Locator("#save-result").ClickAsync();
        await Assertions.Expect(page.Locator(".entries-grid .entry-result")).ToHaveTextAsync("市级一等奖");
        await BrowserFixture.SaveScreenshotAsync(page, "contest-details");

        await page.GotoAsync($"/register/{person.Id}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "荣誉" }).ClickAsync();
        await Assertions.Expect(page.Locator("#honours")).ToContainTextAsync("浏览器测试 市老年摄影比赛");
        await Assertions.Expect(page.Locator("#honours .honour-award")).ToHaveTextAsync("市级一等奖");

        using var db = fixture.App.Database.CreateContext();
        var saved = await db.Set<ContestEntry>().SingleAsync(e => e.RetireeId == person.Id);
        Assert.Equal((AwardLevel.City, AwardRank.First), (saved.AwardLevel!.Value, saved.AwardRank!.Value));
    }
}
