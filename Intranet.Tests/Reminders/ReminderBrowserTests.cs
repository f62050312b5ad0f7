using Intranet.Domain.Accounts;
using Intranet.Domain.Reminders;
using Intranet.Domain.Welfare;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Intranet.Tests.Reminders;

/// <summary>The inbox as an officer works it, with district staff's header watching, in an <see cref="AccessWorld"/> of this class's own.</summary>
public sealed class ReminderBrowserTests(AccessWorldApp fixture) : IClassFixture<AccessWorldApp>
{
    [SkippableFact]
    public async Task An_officer_ticks_a_birthday_done_by_recording_the_visit_and_every_open_header_count_drops_at_once()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        int birthday;
        using (var db = fixture.App.Database.CreateContext())
        {
            var reminders = new[] { fixture.World.InUnitA, fixture.World.InGroupA }.Select(p => new Reminder
            {
                Kind = ReminderKind.Birthday, SubjectId = p.Id, RetireeId = p.Id, OccasionOn = today.AddDays(2), DueOn = today.AddDays(2), Detail = "80 岁生日（整寿）",
            }).ToList();
            db.AddRange(reminders);
            await db.SaveChangesAsync();
            birthday = reminders[0].Id;
        }

        var staff = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.DistrictStaff]);
        await staff.GotoAsync("/register");
        await BrowserFixture.WaitForInteractiveAsync(staff);
        await Assertions.Expect(staff.Locator(".reminder-bell .bell-count")).ToHaveTextAsync("2");

        var officer = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.UnitOfficer]);
        await officer.GotoAsync("/reminders");
        await BrowserFixture.WaitForInteractiveAsync(officer);
        await Assertions.Expect(officer.Locator(".reminder-bell .bell-count")).ToHaveTextAsync("2");
        var card = officer.Locator($"[data-reminder='{birthday}']");
        await Assertions.Expect(card).ToContainTextAsync("甲单位成员");
        await Assertions.Expect(card).ToContainTextAsync("还有 2 天");

        await card.Locator(".record-visit").ClickAsync();
        await card.Locator("input[name=Gift]").FillAsync("生日蛋糕");
        await BrowserFixture.SaveScreenshotAsync(officer, "reminder-visit-form");
        await card.Locator(".save-reminder-visit").ClickAsync();

        await Assertions.Expect(officer.Locator($"[data-reminder='{birthday}']")).ToHaveCountAsync(0);
        await Assertions.Expect(officer.Locator(".reminder-bell .bell-count")).ToHaveTextAsync("1");
        await Assertions.Expect(staff.Locator(".reminder-bell .bell-count")).ToHaveTextAsync("1");

        // Done, with the visit it was done by.
        await officer.GotoAsync("/reminders?view=closed");
        await BrowserFixture.WaitForInteractiveAsync(officer);
        await Assertions.Expect(officer.Locator($"[data-reminder='{birthday}']")).ToContainTextAsync($"已办 {today:yyyy-MM-dd}");
        await Assertions.Expect(officer.Locator($"[data-reminder='{birthday}'] a", new() { HasText = $"慰问记录 {today:yyyy-MM-dd}" })).ToBeVisibleAsync();

        using var check = fixture.App.Database.CreateContext();
        var visit = await check.Set<Visit>().SingleAsync(v => v.RetireeId == fixture.World.InUnitA.Id);
        Assert.Equal((VisitOccasion.Birthday, "生日蛋糕"), (visit.Occasion, visit.Gift));
        Assert.Equal(visit.Id, (await check.Set<Reminder>().SingleAsync(r => r.Id == birthday)).VisitId);
    }
}
