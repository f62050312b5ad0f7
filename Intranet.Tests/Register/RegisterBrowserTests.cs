using System.Text.RegularExpressions;
using Intranet.Domain.Data;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Intranet.Tests.Register;

/// <summary>The app with the district-sized demo register, started once for this class; the tests only read it.</summary>
public sealed class DemoRegisterApp : IAsyncLifetime
{
    public KestrelApp App { get; private set; } = default!;

    public BrowserFixture Browser { get; } = new();

    public TestAccount Staff { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App = await KestrelApp.StartAsync(demoRetirees: 3600);
        Staff = await App.CreateAccountAsync(Domain.Accounts.UserRole.DistrictStaff);
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }
}

public sealed partial class RegisterBrowserTests(DemoRegisterApp fixture) : IClassFixture<DemoRegisterApp>
{
    [SkippableFact]
    public async Task A_person_filters_by_unit_and_pages_forward()
    {
        var (unitName, unitCount) = await LargestUnitAsync();
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.Staff);

        await page.GotoAsync("/register");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "退休教工名册" })).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        var total = await CountAsync(page);
        Assert.InRange(total, 3000, 3600);

        // Choose the unit in the dropdown, typing to narrow the list as a person would.
        await page.Locator(".rz-form-field", new() { HasText = "单位" }).Locator(".rz-dropdown").First.ClickAsync();
        var panel = page.Locator(".rz-dropdown-panel:visible");
        await panel.Locator("input.rz-dropdown-filter").FillAsync(unitName);
        await panel.Locator("li.rz-dropdown-item", new() { HasTextString = unitName }).First.ClickAsync();

        await Assertions.Expect(page.Locator("#register-total")).ToHaveTextAsync($"共 {unitCount:N0} 人");
        var firstPage = await NamesAsync(page);
        Assert.Equal(20, firstPage.Count);
        Assert.All(await page.Locator("tbody tr.rz-data-row td:nth-child(4)").AllInnerTextsAsync(), cell => Assert.Equal(unitName, cell.Trim()));

        await page.Locator(".rz-pager-next").ClickAsync();
        await Assertions.Expect(page.Locator(".rz-pager-summary")).ToContainTextAsync("第 2 页");
        var secondPage = await NamesAsync(page);
        Assert.NotEmpty(secondPage);
        Assert.Empty(firstPage.Intersect(secondPage));

        await BrowserFixture.SaveScreenshotAsync(page, "register-filtered-page-2");
    }

    [SkippableFact]
    public async Task Coming_back_from_a_persons_page_returns_to_the_same_filtered_list()
    {
        var (unitName, unitCount) = await LargestUnitAsync();
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.Staff);
        await page.GotoAsync("/register");
        await BrowserFixture.WaitForInteractiveAsync(page);

        await page.Locator(".rz-form-field", new() { HasText = "单位" }).Locator(".rz-dropdown").First.ClickAsync();
        var panel = page.Locator(".rz-dropdown-panel:visible");
        await panel.Locator("input.rz-dropdown-filter").FillAsync(unitName);
        await panel.Locator("li.rz-dropdown-item", new() { HasTextString = unitName }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#register-total")).ToHaveTextAsync($"共 {unitCount:N0} 人");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("unit=\\d+"));

        var first = page.Locator("tbody tr.rz-data-row a.retiree-link").First;
        var name = (await first.InnerTextAsync()).Trim();
        await first.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTitle("返回名册").ClickAsync();

        await Assertions.Expect(page.Locator("#register-total")).ToHaveTextAsync($"共 {unitCount:N0} 人");
        await Assertions.Expect(page.Locator(".rz-form-field", new() { HasText = "单位" })).ToContainTextAsync(unitName);
    }

    [SkippableFact]
    public async Task Back_and_reload_return_to_the_same_page_and_sort()
    {
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.Staff);
        await page.GotoAsync("/register");
        await BrowserFixture.WaitForInteractiveAsync(page);

        // Sort by age (oldest first after two clicks), then go to page 3.
        var ageHeader = page.Locator("th", new() { HasText = "年龄" });
        await ageHeader.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=Age"));
        await ageHeader.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=-Age"));
        await page.Locator(".rz-pager-next").ClickAsync();
        await page.Locator(".rz-pager-next").ClickAsync();
        await Assertions.Expect(page.Locator(".rz-pager-summary")).ToContainTextAsync("第 3 页");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("page=3"));
        var names = await NamesAsync(page);

        var first = page.Locator("tbody tr.rz-data-row a.retiree-link").First;
        await first.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = names[0] })).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByTitle("返回名册").ClickAsync();

        await Assertions.Expect(page.Locator(".rz-pager-summary")).ToContainTextAsync("第 3 页");
        Assert.Equal(names, await NamesAsync(page));

        await page.ReloadAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".rz-pager-summary")).ToContainTextAsync("第 3 页");
        Assert.Equal(names, await NamesAsync(page));
        var ages = (await page.Locator("tbody tr.rz-data-row td:nth-child(3)").AllInnerTextsAsync()).Select(a => int.Parse(a.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ages.OrderDescending(), ages);
    }

    [SkippableFact]
    public async Task The_chinese_text_renders_as_glyphs_not_boxes()
    {
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.Staff);
        await page.GotoAsync("/register");
        await BrowserFixture.WaitForInteractiveAsync(page);

        // A font without Chinese glyphs draws every character as the same empty box, so two different
        // characters drawn in the page's own font would come out pixel-identical.
        var distinct = await page.EvaluateAsync<bool>("""
            () => {
              const font = getComputedStyle(document.querySelector('h1')).fontFamily;
              const draw = ch => {
                const c = document.createElement('canvas'); c.width = 64; c.height = 64;
                const g = c.getContext('2d'); g.font = '48px ' + font; g.fillText(ch, 4, 52);
                return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
              };
              return draw('退') !== draw('休') && draw('教') !== draw('工');
            }
            """);
        Assert.True(distinct, "Chinese characters render as identical boxes: is fonts-noto-cjk installed?");
        await BrowserFixture.SaveScreenshotAsync(page, "register");
    }

    [SkippableFact]
    public async Task Screen_readers_hear_chinese_names_not_code_names()
    {
        int id;
        await using (var db = fixture.App.Database.CreateContext())
        {
            id = await db.Retirees.Where(r => !r.IsDeceased).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        }

        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.Staff);
        foreach (var path in new[] { "/register", $"/register/{id}/edit" })
        {
            await page.GotoAsync(path);
            await BrowserFixture.WaitForInteractiveAsync(page);
            var labels = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))");
            Assert.NotEmpty(labels);
            Assert.DoesNotContain(labels, label => CodeName().IsMatch(label));
        }

        // The care ticks are read out by their Chinese names, and tick when clicked.
        var livingAlone = page.GetByRole(AriaRole.Checkbox, new() { Name = "独居", Exact = true });
        var before = await livingAlone.GetAttributeAsync("aria-checked");
        await page.GetByText("独居", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(livingAlone).Not.ToHaveAttributeAsync("aria-checked", before!);
    }

    private async Task<(string Name, int Count)> LargestUnitAsync()
    {
        await using var db = fixture.App.Database.CreateContext();
        var largest = await db.Retirees.Where(r => !r.IsDeceased)
            .GroupBy(r => r.Unit!.Name)
            .Select(g => new { Name = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count)
            .FirstAsync();
        Assert.True(largest.Count > 20, "the largest demo unit should fill more than one page");
        return (largest.Name, largest.Count);
    }


    private static async Task<int> CountAsync(IPage page)
    {
        var text = await page.Locator("#register-total").InnerTextAsync();
        return int.Parse(DigitsOnly().Replace(text, string.Empty), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> NamesAsync(IPage page) =>
        (await page.Locator("tbody tr.rz-data-row td:nth-child(1)").AllInnerTextsAsync()).Select(n => n.Trim()).ToList();

    /// <summary>An English word where a Chinese name belongs ("LivingAlone", "status").</summary>
    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex CodeName();

    [GeneratedRegex("[^0-9]")]
    private static partial Regex DigitsOnly();
}
