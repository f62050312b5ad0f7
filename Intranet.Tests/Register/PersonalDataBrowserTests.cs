using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Intranet.Tests.Register;

/// <summary>
/// The <see cref="AccessWorld"/> on Kestrel, with one change of the group member's ID and phone numbers already in
/// their history, so that old numbers are on record too.
/// </summary>
public sealed class PersonalDataApp : AccessWorldApp
{
    public const string OldPhone = "13911112222";
    public const string NewPhone = "13966667777";
    public const string EmergencyPhone = "13688889999";

    public string OldIdNumber { get; private set; } = default!;

    public string IdNumber { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        OldIdNumber = World.InGroupA.IdNumber;
        IdNumber = ResidentIdNumber.Create("510105", World.InGroupA.BirthDate, 777, World.InGroupA.Gender).Value;

        await using var scope = await App.ScopeForAsync(World[UserRole.DistrictStaff]);
        using var db = App.Database.CreateContext();
        var form = RetireeForm.From(await db.Retirees.AsNoTracking().SingleAsync(r => r.Id == World.InGroupA.Id));
        form.IdNumber = IdNumber;
        form.Phone = NewPhone;
        form.EmergencyContactName = "李家属";
        form.EmergencyContactPhone = EmergencyPhone;
        var saved = await scope.ServiceProvider.GetRequiredService<RegisterCommands>().SaveAsync(form);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors));
    }
}

/// <summary>
/// For each role: everything its browser receives while it opens the list, a person's page, their history, the
/// edit form and an export, every WebSocket frame and every HTTP body, holds no full ID or phone number, and
/// leaves the ID number as open as if nothing had been seen. Then a role that may reveal a number does so, and
/// only then does the number cross the wire, with an audit line.
/// </summary>
public sealed class PersonalDataBrowserTests(PersonalDataApp fixture) : IClassFixture<PersonalDataApp>
{
    private AccessWorld World => fixture.World;

    [SkippableTheory]
    [InlineData(UserRole.DistrictStaff)]
    [InlineData(UserRole.UnitOfficer)]
    [InlineData(UserRole.GroupLeader)]
    [InlineData(UserRole.Leadership)]
    [InlineData(UserRole.Administrator)]
    public async Task No_full_number_reaches_the_browser_until_it_is_revealed_and_logged(UserRole role)
    {
        var account = World[role];
        var rules = PersonalDataRules.For(role);
        var page = await fixture.Browser.NewPageAsync(fixture.App.ServerAddress);
        var capture = BrowserCapture.Attach(page);
        await BrowserFixture.SignInAsync(page, account.UserName, account.Password);
        var person = World.InGroupA;

        if (role == UserRole.Administrator)
        {
            await OpenTheAuditLogAsync(page, person.Name);
        }
        else
        {
            await OpenEveryPageAsync(page, capture, role, person);
        }

        var seen = await capture.TextAsync();
        Assert.True(capture.FrameCount > 0, "no WebSocket frame was captured");
        Assert.Empty(capture.Unread);
        Assert.Contains(person.Name, seen, StringComparison.Ordinal);
        foreach (var secret in Secrets())
        {
            Assert.DoesNotContain(secret, seen, StringComparison.Ordinal);
        }

        // Nor can the number be rebuilt from what was seen: the area code, birth date and gender leave 500.
        foreach (var id in new[] { fixture.IdNumber, fixture.OldIdNumber, World.InUnitA.IdNumber, World.InUnitB.IdNumber })
        {
            Assert.True(IdNumberRecovery.Candidates(id, seen) >= 500, $"{role} narrowed an ID number down to {IdNumberRecovery.Candidates(id, seen)}");
        }

        if (rules.SeesPhone)
        {
            await RevealAsync(page, capture, account, $"/register/{person.Id}", "[data-name=phone]", "显示完整", PersonalDataApp.NewPhone);
            await Assertions.Expect(page.Locator("[data-name=phone]")).ToContainTextAsync(PersonalDataApp.NewPhone);
        }

        if (rules.SeesIdNumber)
        {
            await RevealAsync(page, capture, account, $"/register/{person.Id}/edit", ".masked-input:has(input[name=IdNumber-masked])", "显示并修改", fixture.IdNumber);
            await Assertions.Expect(page.Locator("input[name=IdNumber]")).ToHaveValueAsync(fixture.IdNumber);
            await BrowserFixture.SaveScreenshotAsync(page, $"edit-after-reveal-as-{role}");
        }
    }

    [SkippableFact]
    public async Task An_out_of_scope_record_opened_in_the_browser_is_one_denied_line_per_visit()
    {
        var officer = World[UserRole.UnitOfficer];
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, officer);
        var before = await DeniedLinesAsync(officer);

        // Prerendered over HTTP, then rendered again in the circuit: still one visit.
        await page.GotoAsync($"/register/{World.InUnitB.Id}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByText("您要查看的页面或记录不存在，或您无权查看。")).ToBeVisibleAsync();
        Assert.Equal(1, await DeniedLinesAsync(officer) - before);

        await page.GotoAsync($"/register/{World.InUnitB.Id}/edit");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByText("您要查看的页面或记录不存在，或您无权查看。")).ToBeVisibleAsync();
        Assert.Equal(2, await DeniedLinesAsync(officer) - before);
    }

    [SkippableFact]
    public async Task A_page_reached_by_a_link_inside_the_app_that_the_role_may_not_open_is_refused_and_logged_once()
    {
        var leader = World[UserRole.Leadership];
        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, leader);
        await page.GotoAsync("/register");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var before = await DeniedLinesAsync(leader);

        // As a link inside the open page would: the circuit's router, not an HTTP request.
        await page.EvaluateAsync("() => Blazor.navigateTo('/admin/users')");
        await Assertions.Expect(page.GetByText("您的账户没有查看该页面或执行该操作的权限。")).ToBeVisibleAsync();
        await Task.Delay(300);

        Assert.Equal(1, await DeniedLinesAsync(leader) - before);
        using var db = fixture.App.Database.CreateContext();
        var line = await db.AuditEntries.Where(a => a.UserName == leader.UserName && a.Action == AuditAction.AccessDenied).OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal("无权打开页面 /admin/users", line.Details);
    }

    private IEnumerable<string> Secrets() =>
    [
        fixture.IdNumber, fixture.OldIdNumber, World.InUnitA.IdNumber, World.InUnitB.IdNumber,
        PersonalDataApp.OldPhone, PersonalDataApp.NewPhone, PersonalDataApp.EmergencyPhone,
        World.InUnitA.Phone!, World.InUnitB.Phone!,
    ];

    private static async Task OpenEveryPageAsync(IPage page, BrowserCapture capture, UserRole role, Retiree person)
    {
        await page.GotoAsync("/register?status=All");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".register-grid")).ToContainTextAsync(person.Name);

        await page.GotoAsync($"/register/{person.Id}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = person.Name })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "变更历史" }).ClickAsync();
        await Assertions.Expect(page.Locator(".audit-history-lines")).ToContainTextAsync("联系电话");
        await BrowserFixture.SaveScreenshotAsync(page, $"history-as-{role}");

        await page.GotoAsync($"/register/{person.Id}/edit");
        if (role.CanEditRecords())
        {
            await BrowserFixture.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.Locator("input[name=IdNumber-masked]")).ToHaveValueAsync(person.IdNumber[..6] + "************");
            await Assertions.Expect(page.Locator("input[name=Phone-masked]")).ToHaveValueAsync("139****7777");
            Assert.Equal(0, await page.Locator("input[name=IdNumber]").CountAsync());
            await BrowserFixture.SaveScreenshotAsync(page, $"edit-masked-as-{role}");
        }
        else
        {
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/denied"));
        }

        var export = await page.Context.APIRequest.GetAsync("/register/export?status=All");
        Assert.True(export.Ok, $"export answered {export.Status}");
        capture.AddBody(await export.BodyAsync());
    }

    private static async Task OpenTheAuditLogAsync(IPage page, string name)
    {
        await page.GotoAsync("/admin/audit");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("input[name=person]").FillAsync(name);
        await page.Locator("input[name=person]").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".rz-data-grid")).ToContainTextAsync("联系电话");
        await BrowserFixture.SaveScreenshotAsync(page, "audit-log-as-administrator");
    }

    private async Task RevealAsync(IPage page, BrowserCapture capture, TestAccount account, string path, string within, string button, string value)
    {
        using (var db = fixture.App.Database.CreateContext())
        {
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Reveal && a.UserName == account.UserName && a.Details!.Contains(Label(value))));
        }

        await page.GotoAsync(path);
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator(within).GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();

        // Now, and only now, the number crosses the wire, and the look is on record.
        Assert.True(await capture.EventuallyContainsAsync(value), "the revealed number never reached the browser");
        using var check = fixture.App.Database.CreateContext();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == AuditAction.Reveal && a.UserName == account.UserName
            && a.RetireeId == World.InGroupA.Id && a.Details!.Contains(Label(value))));
    }

    private static string Label(string value) => value.Length == 18 ? "身份证号码" : "联系电话";

    private async Task<int> DeniedLinesAsync(TestAccount account)
    {
        using var db = fixture.App.Database.CreateContext();
        return await db.AuditEntries.CountAsync(a => a.Action == AuditAction.AccessDenied && a.UserName == account.UserName);
    }
}
