using System.Text.RegularExpressions;
using Intranet.Domain.Accounts;
using Intranet.Domain.University;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Intranet.Tests.University;

/// <summary>A class run in the browser: enrolment into the last seat, the waiting line moving up, attendance by taps.</summary>
public sealed class UniversityBrowserTests(AccessWorldApp fixture) : IClassFixture<AccessWorldApp>
{
    [SkippableFact]
    public async Task Staff_fill_a_class_put_the_next_on_the_waiting_list_see_them_moved_up_and_take_attendance()
    {
        int classId, sessionId;
        using (var db = fixture.App.Database.CreateContext())
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            var term = new Term { Name = "浏览器测试学期", StartsOn = today.AddDays(-30), EndsOn = today.AddDays(60) };
            var course = new Course { Name = "浏览器测试书法", Category = CourseCategory.CalligraphyPainting };
            var universityClass = new UniversityClass
            {
                Term = term, Course = course, Name = "书法小班", Teacher = "陈老师", Place = "201教室", Weekday = ClassDay.Monday,
                StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(10, 30), Capacity = 1, StartsOn = term.StartsOn, EndsOn = term.EndsOn,
            };
            var session = new ClassSession { Class = universityClass, Date = today.AddDays(-1) };
            db.AddRange(term, course, universityClass, session);
            await db.SaveChangesAsync();
            (classId, sessionId) = (universityClass.Id, session.Id);
        }

        var page = await fixture.Browser.SignedInPageAsync(fixture.App.ServerAddress, fixture.World[UserRole.DistrictStaff]);
        await page.GotoAsync($"/university/classes/{classId}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#seats-left")).ToHaveTextAsync("余 1 个名额");

        await EnrolAsync(page, fixture.World.InUnitA.Name);
        await Assertions.Expect(page.Locator(".rz-notification")).ToContainTextAsync("已报名，座号 1");
        await Assertions.Expect(page.Locator("#seats-left")).ToHaveTextAsync("名额已满");

        // The class is full: the next person is put on the waiting list, first in line.
        await EnrolAsync(page, fixture.World.InUnitB.Name);
        await Assertions.Expect(page.Locator(".rz-notification")).ToContainTextAsync("已列入候补，排第 1 位");
        await page.GetByRole(AriaRole.Tab, new() { Name = "候补（1）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#waiting")).ToContainTextAsync($"第 1 位 {fixture.World.InUnitB.Name}");

        // The seated learner leaves: the one waiting moves up at once.
        await page.GetByRole(AriaRole.Tab, new() { Name = "在读（1）" }).ClickAsync();
        await page.Locator("#enrolled li", new() { HasText = fixture.World.InUnitA.Name }).GetByRole(AriaRole.Button, new() { Name = "退学" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await Assertions.Expect(page.Locator(".rz-notification")).ToContainTextAsync($"{fixture.World.InUnitB.Name}已从候补递补入班");
        await Assertions.Expect(page.Locator("#enrolled")).ToContainTextAsync(fixture.World.InUnitB.Name);
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "候补（0）" })).ToBeVisibleAsync();
        await BrowserFixture.SaveScreenshotAsync(page, "university-class");

        // Attendance on a tablet-sized screen: one tap on the name marks the learner present, and it is saved.
        await page.SetViewportSizeAsync(820, 1180);
        await page.GotoAsync($"/university/sessions/{sessionId}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator(".attend-name", new() { HasText = fixture.World.InUnitB.Name }).ClickAsync();
        await Assertions.Expect(page.Locator("#attendance-summary")).ToContainTextAsync("出席 1");
        await Assertions.Expect(page.Locator("#attendance-list li.present")).ToContainTextAsync(fixture.World.InUnitB.Name);

        using var check = fixture.App.Database.CreateContext();
        var marked = await check.Set<Attendance>().SingleAsync(a => a.SessionId == sessionId);
        Assert.Equal((AttendanceMark.Present, fixture.World.InUnitB.Id), (marked.Mark, marked.RetireeId));

        // The learner's own page shows the class and the attendance on its 学习 tab.
        await page.GotoAsync($"/register/{fixture.World.InUnitB.Id}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "学习" }).ClickAsync();
        await Assertions.Expect(page.Locator(".learning-grid")).ToContainTextAsync("书法小班");
        await Assertions.Expect(page.Locator(".learning-grid")).ToContainTextAsync("1 / 1 次");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/register/{fixture.World.InUnitB.Id}"));
    }

    private static async Task EnrolAsync(IPage page, string name)
    {
        await page.Locator("#enrol-card .rz-dropdown").First.ClickAsync();
        var panel = page.Locator(".rz-dropdown-panel:visible");
        await panel.Locator("input.rz-dropdown-filter").FillAsync(name);
        await panel.Locator("li.rz-dropdown-item", new() { HasTextString = name }).First.ClickAsync();
        await page.Locator("#enrol").ClickAsync();
    }
}
