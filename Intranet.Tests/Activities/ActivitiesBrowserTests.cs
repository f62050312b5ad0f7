using System.Text.RegularExpressions;
using Intranet.Domain.Accounts;
using Intranet.Domain.Activities;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Intranet.Tests.Activities;

/// <summary>The golden-wedding celebration as staff hold it in the browser, in an <see cref="AccessWorld"/> of this class's own.</summary>
public sealed class ActivitiesBrowserTests(AccessWorldApp fixture) : IClassFixture<AccessWorldApp>
{
    [SkippableFact]
    public async Task Staff_create_a_golden_wedding_celebration_invite_the_eligible_couple_and_mark_them_attended()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        int coupleId;
        using (var db = fixture.App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            coupleId = make.Married(fixture.World.UnitB, "金婚老师", "白头偕老", today.AddYears(-52).AddDays(-3)).Id;
            make.Married(fixture.World.UnitB, "银婚老师", "相伴", today.AddYears(-25));
        }

        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.DistrictStaff]);
        await page.GotoAsync("/activities?kind=GoldenWedding");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("#new-activity").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/activities/new"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("input[name=Place]").FillAsync("青羊区老年大学礼堂");
        await page.Locator("#save-activity").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/activities/\d+$"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        // The couple married 52 years is on the computed list; the one married 25 years is not.
        var eligible = page.Locator(".eligible-grid");
        await Assertions.Expect(eligible).ToContainTextAsync("金婚老师");
        await Assertions.Expect(eligible).ToContainTextAsync("52 年");
        await Assertions.Expect(eligible).Not.ToContainTextAsync("银婚老师");
        await eligible.Locator("tr", new() { HasText = "金婚老师" }).Locator(".invite-couple").ClickAsync();

        var participants = page.Locator(".participants-grid");
        await Assertions.Expect(participants.Locator("tr", new() { HasText = "金婚老师" }).Locator(".participant-status")).ToHaveTextAsync("已邀请");
        await Assertions.Expect(eligible).Not.ToContainTextAsync("金婚老师");
        await participants.Locator("tr", new() { HasText = "金婚老师" }).Locator(".mark-attended").ClickAsync();
        await Assertions.Expect(participants.Locator("tr", new() { HasText = "金婚老师" }).Locator(".participant-status")).ToHaveTextAsync("已参加");
        await BrowserFixture.SaveScreenshotAsync(page, "golden-wedding");

        // The printable list: the couple with the spouse and the years married.
        var printUrl = await page.Locator("#print-link").GetAttributeAsync("href");
        await page.GotoAsync(printUrl!);
        await Assertions.Expect(page.Locator(".sheet-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".sheet-table thead")).ToContainTextAsync("配偶");
        await Assertions.Expect(page.Locator(".sheet-table tbody")).ToContainTextAsync("白头偕老");

        using var check = fixture.App.Database.CreateContext();
        var saved = await check.Set<ActivityParticipant>().Include(p => p.Activity).SingleAsync(p => p.RetireeId == coupleId);
        Assert.Equal((ActivityKind.GoldenWedding, ParticipationStatus.Attended, "白头偕老"), (saved.Activity!.Kind, saved.Status, saved.SpouseName));
    }
}
