using Intranet.Domain.Accounts;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Microsoft.Playwright;

namespace Intranet.Tests.Platform;

/// <summary>Two people in two browsers at once, in the <see cref="AccessWorld"/>.</summary>
public sealed class LiveBrowserTests(AccessWorldApp fixture) : IClassFixture<AccessWorldApp>
{
    [SkippableFact]
    public async Task One_person_saves_and_the_other_sees_it_at_once_without_reloading()
    {
        var person = fixture.World.InUnitA;
        var officer = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.UnitOfficer]);
        await officer.GotoAsync($"/register/{person.Id}");
        await BrowserFixture.WaitForInteractiveAsync(officer);
        var list = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.UnitOfficer]);
        await list.GotoAsync("/register");
        await BrowserFixture.WaitForInteractiveAsync(list);

        // Someone else, elsewhere, renames the person.
        var staff = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.DistrictStaff]);
        await staff.GotoAsync($"/register/{person.Id}/edit");
        await BrowserFixture.WaitForInteractiveAsync(staff);
        await staff.Locator("input[name=Name]").FillAsync("甲单位成员新");
        await staff.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/register/{person.Id}$"));

        // The open person's page says so; the open list shows the new name. Neither was reloaded.
        var notice = officer.Locator(".changed-elsewhere");
        await Assertions.Expect(notice).ToContainTextAsync("刚被修改", new() { Timeout = 3000 });
        await Assertions.Expect(list.Locator(".register-grid")).ToContainTextAsync("甲单位成员新", new() { Timeout = 3000 });
        await BrowserFixture.SaveScreenshotAsync(officer, "changed-elsewhere");

        await notice.GetByRole(AriaRole.Button, new() { Name = "重新加载" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "甲单位成员新" })).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);
    }
}
