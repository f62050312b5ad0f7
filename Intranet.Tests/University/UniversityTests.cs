using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.University;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Platform.Forms;
using Intranet.Web.University;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.University;

public sealed class UniversityTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task A_class_gets_a_session_on_each_scheduled_weekday_and_refuses_a_session_outside_its_dates()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, _, queries) = Services(scope);
        var termId = await TermAsync(commands, new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 31));

        // 2026-09-01 is a Tuesday; Thursdays from 09-03 to 10-29 are nine sessions.
        var classId = await ClassAsync(commands, termId, capacity: 30, new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 29), ClassDay.Thursday);
        var details = (await queries.ClassAsync(classId))!;
        Assert.Equal(9, details.Sessions.Count);
        Assert.All(details.Sessions, s => Assert.Equal(DayOfWeek.Thursday, s.Date.DayOfWeek));
        Assert.Equal((new DateOnly(2026, 9, 3), new DateOnly(2026, 10, 29)), (details.Sessions[0].Date, details.Sessions[^1].Date));

        var outside = await commands.AddSessionAsync(classId, new DateOnly(2026, 11, 5));
        Assert.Equal("上课日期应在本班的开课和结课日期之间（2026-09-01 至 2026-10-29）。", Assert.Single(outside.FieldErrors).Message);
        var twice = await commands.AddSessionAsync(classId, new DateOnly(2026, 9, 3));
        Assert.Equal("2026-09-03 已有一次课。", Assert.Single(twice.FieldErrors).Message);
        Assert.True((await commands.AddSessionAsync(classId, new DateOnly(2026, 9, 5))).Succeeded);

        // A class outside its term is refused, and so is one that ends before it starts.
        var beyondForm = ClassFor(termId, 30, new DateOnly(2026, 12, 1), new DateOnly(2027, 3, 1), ClassDay.Monday, "越界班");
        beyondForm.CourseId = await CourseAsync(commands);
        var beyond = await commands.CreateClassAsync(beyondForm);
        Assert.Equal(nameof(ClassForm.StartsOn), Assert.Single(beyond.FieldErrors).Field);
        var backwardsForm = ClassFor(termId, 30, new DateOnly(2026, 12, 1), new DateOnly(2026, 11, 1), ClassDay.Monday, "倒序班");
        backwardsForm.CourseId = beyondForm.CourseId;
        var backwards = await commands.CreateClassAsync(backwardsForm);
        Assert.Equal("结课日期不能早于开课日期。", Assert.Single(backwards.FieldErrors).Message);
        Assert.Equal(9 + 1, (await queries.ClassAsync(classId))!.Sessions.Count);
    }

    [Fact]
    public async Task A_full_class_keeps_a_waiting_list_in_order_and_seats_the_next_when_someone_leaves()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, enrolments, queries) = Services(scope);
        var classId = await RunningClassAsync(commands, capacity: 2);
        var people = MakeRetirees(4);

        var outcomes = new List<EnrolOutcome>();
        foreach (var person in people)
        {
            var result = await enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = person });
            Assert.True(result.Succeeded, string.Join(";", result.Errors));
            outcomes.Add(result.Value!);
        }

        Assert.Equal([(EnrolmentStatus.Enrolled, 1, (int?)null), (EnrolmentStatus.Enrolled, 2, null), (EnrolmentStatus.Waiting, (int?)null, 1), (EnrolmentStatus.Waiting, null, 2)],
            outcomes.Select(o => (o.Status, o.Seat, o.WaitingPosition)));

        var again = await enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = people[2] });
        Assert.Equal("候补者2已在本班候补名单中，不能重复报名。", Assert.Single(again.FieldErrors).Message);

        // The first learner leaves: the first in line takes seat 1, the second moves up.
        var first = (await queries.ClassAsync(classId))!.Enrolled[0];
        var withdrawn = await enrolments.WithdrawAsync(first.EnrolmentId, first.Version);
        Assert.Equal("候补者2", withdrawn.Value);
        var details = (await queries.ClassAsync(classId))!;
        Assert.Equal([("候补者2", 1), ("候补者1", 2)], details.Enrolled.Select(l => (l.Name, l.Seat!.Value)));
        Assert.Equal(["候补者3"], details.Waiting.Select(l => l.Name));
        Assert.Equal(["候补者0"], details.Left.Select(l => l.Name));

        // The promotion is in the promoted person's history: 候补 → 在读.
        using (var db = App.Database.CreateContext())
        {
            var line = await db.AuditEntries.Where(a => a.RetireeId == people[2] && a.Action == AuditAction.Update && a.EntityType == nameof(Enrolment)).SingleAsync();
            Assert.Contains("\"Field\":\"Status\",\"Old\":\"Waiting\",\"New\":\"Enrolled\"", line.Changes);
        }

        // A stale withdrawal (the list changed meanwhile) is refused; leaving the waiting line seats nobody.
        Assert.True((await enrolments.WithdrawAsync(first.EnrolmentId, first.Version)).Stale);
        var waiting = details.Waiting[0];
        Assert.True((await enrolments.WithdrawAsync(waiting.EnrolmentId, waiting.Version)).Succeeded);
        Assert.Equal(2, (await queries.ClassAsync(classId))!.Enrolled.Count);

        // Capacity may not fall below those enrolled (the message gives the count); raised, it seats the line.
        var form = (await queries.ClassFormAsync(classId))!;
        form.Capacity = 1;
        var lowered = await commands.UpdateClassAsync(classId, form);
        Assert.Equal("本班已有 2 人在读，名额不能少于 2。如需减少名额，请先为部分学员办理退学。", Assert.Single(lowered.FieldErrors).Message);
        var late = MakeRetirees(1, "后来者");
        Assert.Equal(EnrolmentStatus.Waiting, (await enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = late[0] })).Value!.Status);
        form.Capacity = 3;
        Assert.True((await commands.UpdateClassAsync(classId, form)).Succeeded);
        Assert.Equal(("后来者0", 3), (await queries.ClassAsync(classId))!.Enrolled.Select(l => (l.Name, l.Seat!.Value)).Last());
    }

    [Fact]
    public async Task Two_people_taking_the_last_place_at_once_get_one_seat_and_one_place_in_line()
    {
        int classId;
        await using (var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            classId = await RunningClassAsync(Services(scope).Commands, capacity: 1);
        }

        var people = MakeRetirees(2);
        await using var first = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        await using var second = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var results = await Task.WhenAll(
            Task.Run(() => Services(first).Enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = people[0] })),
            Task.Run(() => Services(second).Enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = people[1] })));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join(";", r.Errors)));
        Assert.Equal([EnrolmentStatus.Enrolled, EnrolmentStatus.Waiting], results.Select(r => r.Value!.Status).Order());
        using var db = App.Database.CreateContext();
        Assert.Equal(1, await db.Set<Enrolment>().CountAsync(e => e.ClassId == classId && e.Status == EnrolmentStatus.Enrolled));
    }

    [Fact]
    public async Task A_double_clicked_enrolment_enrols_once_and_the_second_click_is_told_so()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var classId = await RunningClassAsync(Services(scope).Commands, capacity: 5);
        var person = MakeRetirees(1)[0];
        await using var other = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);

        var results = await Task.WhenAll(
            Task.Run(() => Services(scope).Enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = person })),
            Task.Run(() => Services(other).Enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = person })));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Equal("候补者0已在本班在读（座号 1），不能重复报名。", Assert.Single(results.Single(r => !r.Succeeded).FieldErrors).Message);
        using var db = App.Database.CreateContext();
        Assert.Equal(1, await db.Set<Enrolment>().CountAsync(e => e.ClassId == classId));
    }

    [Fact]
    public async Task Deceased_people_out_of_scope_people_and_outside_learners_follow_the_rules_of_each_role()
    {
        int classId;
        await using (var staff = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            var (commands, enrolments, _) = Services(staff);
            classId = await RunningClassAsync(commands, capacity: 10);
            var guest = await enrolments.EnrolAsync(classId, new EnrolForm { GuestName = "社区居民", GuestPhone = "13800001111", GuestCommunity = "草堂社区" });
            Assert.Equal(EnrolmentStatus.Enrolled, guest.Value!.Status);

            // The same outside learner typed in again is the same person, already enrolled.
            var again = await enrolments.EnrolAsync(classId, new EnrolForm { GuestName = " 社区居民 ", GuestPhone = "13800001111" });
            Assert.Equal("社区居民已在本班在读（座号 1），不能重复报名。", Assert.Single(again.FieldErrors).Message);
        }

        using (var db = App.Database.CreateContext())
        {
            var dead = await db.Retirees.SingleAsync(r => r.Id == _world.InUnitA.Id);
            dead.IsDeceased = true;
            dead.DeathDate = RegisterBuilder.Today.AddDays(-3);
            await db.SaveChangesAsync();
        }

        await using (var officer = await App.ScopeForAsync(_world[UserRole.UnitOfficer]))
        {
            var (_, enrolments, queries) = Services(officer);
            var deceased = await enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = _world.InUnitA.Id });
            Assert.Equal("甲单位成员已故，不能报名。", Assert.Single(deceased.FieldErrors).Message);
            Assert.True((await enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = _world.InUnitB.Id })).NotFound);
            Assert.Equal(CommandOutcome.Refused, (await enrolments.EnrolAsync(classId, new EnrolForm { GuestName = "另一位居民" })).Outcome);
            Assert.True((await enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = _world.InGroupA.Id })).Succeeded);

            // The officer's roster holds their own unit's learners only; the counts say how many in all.
            var details = (await queries.ClassAsync(classId))!;
            Assert.Equal(["甲组成员"], details.Enrolled.Select(l => l.Name));
            Assert.Equal(2, details.EnrolledTotal);
            Assert.True(details.Partial);
        }

        await using (var leader = await App.ScopeForAsync(_world[UserRole.Leadership]))
        {
            var refused = await Services(leader).Enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = _world.InUnitB.Id });
            Assert.Equal(CommandOutcome.Refused, refused.Outcome);
            Assert.Equal(CommandOutcome.Refused, (await Services(leader).Commands.AddSessionAsync(classId, RegisterBuilder.Today)).Outcome);
        }

        await using (var groupLeader = await App.ScopeForAsync(_world[UserRole.GroupLeader]))
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Services(groupLeader).Queries.ClassAsync(classId));
        }

        using var check = App.Database.CreateContext();
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == AuditAction.AccessDenied && a.RetireeId == _world.InUnitB.Id));
    }

    [Fact]
    public async Task Attendance_is_marked_one_tap_at_a_time_and_refused_where_it_cannot_be_right()
    {
        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var (commands, enrolments, queries) = Services(scope);
        var today = commands.Today;
        var classId = await RunningClassAsync(commands, capacity: 5);
        var otherClass = await RunningClassAsync(commands, capacity: 5, name: "另一班");
        var person = MakeRetirees(1)[0];
        var enrolmentId = (await enrolments.EnrolAsync(classId, new EnrolForm { RetireeId = person })).Value!.EnrolmentId;
        var details = (await queries.ClassAsync(classId))!;
        var past = details.Sessions.Last(s => s.Date <= today);
        var future = details.Sessions.First(s => s.Date > today);

        Assert.True((await enrolments.MarkAsync(past.Id, enrolmentId, AttendanceMark.Absent)).Succeeded);
        Assert.True((await enrolments.MarkAsync(past.Id, enrolmentId, AttendanceMark.Present)).Succeeded);
        var sheet = (await queries.SheetAsync(past.Id))!;
        Assert.Equal(AttendanceMark.Present, Assert.Single(sheet.Learners).Mark);

        Assert.Equal($"{future.Date:yyyy-MM-dd} 的课还没有上，不能提前登记考勤。", (await enrolments.MarkAsync(future.Id, enrolmentId, AttendanceMark.Present)).Message);
        var elsewhere = (await queries.ClassAsync(otherClass))!.Sessions.Last(s => s.Date <= today);
        Assert.Equal("该学员不在这个班，不能登记这次课的考勤。", (await enrolments.MarkAsync(elsewhere.Id, enrolmentId, AttendanceMark.Present)).Message);

        // A session with someone present cannot be cancelled; an empty one can, and then takes no attendance.
        Assert.Equal(CommandOutcome.Refused, (await commands.SetSessionCancelledAsync(past.Id, true, "国庆放假")).Outcome);
        var holiday = details.Sessions.First(s => s.Date <= today);
        Assert.True((await commands.SetSessionCancelledAsync(holiday.Id, true, "国庆放假")).Succeeded);
        Assert.Equal($"{holiday.Date:yyyy-MM-dd} 的课已停课，不能登记考勤。", (await enrolments.MarkAsync(holiday.Id, enrolmentId, AttendanceMark.Present)).Message);

        // Clearing a mark removes it; the learner's tab counts sessions held and attended.
        var learning = Assert.Single(await queries.RetireeLearningAsync(person));
        Assert.Equal(1, learning.Present);
        Assert.Equal(details.Sessions.Count(s => s.Date <= today) - 1, learning.Held);
        Assert.True((await enrolments.MarkAsync(past.Id, enrolmentId, null)).Succeeded);
        Assert.Equal(0, Assert.Single(await queries.RetireeLearningAsync(person)).Present);
    }

    [Fact]
    public async Task The_years_figures_count_classes_learners_and_attendances_exactly_for_any_year_and_unit()
    {
        using (var db = App.Database.CreateContext())
        {
            var course = new Course { Name = "书法", Category = CourseCategory.CalligraphyPainting };
            var last = new Term { Name = "2025年秋季", StartsOn = new DateOnly(2025, 9, 1), EndsOn = new DateOnly(2026, 1, 20) };
            var spring = new Term { Name = "2026年春季", StartsOn = new DateOnly(2026, 3, 1), EndsOn = new DateOnly(2026, 7, 10) };
            db.AddRange(course, last, spring);
            var guest = new GuestLearner { Name = "社会学员" };

            // 2025: one class, its sessions in 2025 and January 2026. 2026: two classes.
            var old = Class(last, course, "2025班", new DateOnly(2025, 9, 1), new DateOnly(2026, 1, 20), 20);
            var a = Class(spring, course, "甲班", new DateOnly(2026, 3, 2), new DateOnly(2026, 6, 30), 10);
            var b = Class(spring, course, "乙班", new DateOnly(2026, 3, 3), new DateOnly(2026, 6, 30), 15);
            db.AddRange(old, a, b);
            var oldSessions = new[] { Session(old, new DateOnly(2025, 12, 1)), Session(old, new DateOnly(2026, 1, 5)) };
            var aSessions = new[] { Session(a, new DateOnly(2026, 3, 2)), Session(a, new DateOnly(2026, 3, 9)), Session(a, new DateOnly(2026, 3, 16)) };
            db.AddRange(oldSessions);
            db.AddRange(aSessions);

            var inA = _world.InUnitA.Id;
            var inB = _world.InUnitB.Id;
            var oldA = Enrol(old, inA, null, EnrolmentStatus.Enrolled, 1);
            var aA = Enrol(a, inA, null, EnrolmentStatus.Enrolled, 1);
            var aB = Enrol(a, inB, null, EnrolmentStatus.Enrolled, 2);
            var aGuest = Enrol(a, null, guest, EnrolmentStatus.Enrolled, 3);
            var bWaiting = Enrol(b, inB, null, EnrolmentStatus.Waiting, null);
            var bLeft = Enrol(b, _world.InGroupA.Id, null, EnrolmentStatus.Left, null);
            db.AddRange(oldA, aA, aB, aGuest, bWaiting, bLeft);
            await db.SaveChangesAsync();

            // 2025: 1 present (unit A). 2026: old class's January session 1 (A); class A: unit A 3 present,
            // unit B 2 present + 1 excused, the guest 2 present + 1 absent.
            db.AddRange(
                Mark(oldSessions[0], oldA, AttendanceMark.Present), Mark(oldSessions[1], oldA, AttendanceMark.Present),
                Mark(aSessions[0], aA, AttendanceMark.Present), Mark(aSessions[1], aA, AttendanceMark.Present), Mark(aSessions[2], aA, AttendanceMark.Present),
                Mark(aSessions[0], aB, AttendanceMark.Present), Mark(aSessions[1], aB, AttendanceMark.Present), Mark(aSessions[2], aB, AttendanceMark.Excused),
                Mark(aSessions[0], aGuest, AttendanceMark.Present), Mark(aSessions[1], aGuest, AttendanceMark.Present), Mark(aSessions[2], aGuest, AttendanceMark.Absent));
            await db.SaveChangesAsync();
        }

        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var queries = Services(scope).Queries;
        Assert.Equal(new UniversityFigures(2025, 1, 20, 1, 0, 1, 1, 1, 0, 1, 1, 0), await queries.YearAsync(2025, null));
        Assert.Equal(new UniversityFigures(2026, 2, 25, 3, 1, 4, 3, 3, 1, 8, 6, 2), await queries.YearAsync(2026, null));
        Assert.Equal(new UniversityFigures(2026, 2, 25, 1, 0, 2, 2, 2, 0, 4, 4, 0), await queries.YearAsync(2026, _world.UnitA.Id));
        Assert.Equal(new UniversityFigures(2026, 2, 25, 1, 1, 1, 1, 1, 0, 2, 2, 0), await queries.YearAsync(2026, _world.UnitB.Id));
        Assert.Equal(new UniversityFigures(2027, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), await queries.YearAsync(2027, null));

        // A unit officer's figures are their unit's, whatever unit they ask for.
        await using var officer = await App.ScopeForAsync(_world[UserRole.UnitOfficer]);
        Assert.Equal(await queries.YearAsync(2026, _world.UnitA.Id), await Services(officer).Queries.YearAsync(2026, _world.UnitB.Id));

        static UniversityClass Class(Term term, Course course, string name, DateOnly from, DateOnly to, int capacity) => new()
        {
            Term = term, Course = course, Name = name, Weekday = ClassDay.Monday, StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(10, 30),
            Capacity = capacity, StartsOn = from, EndsOn = to,
        };

        static ClassSession Session(UniversityClass c, DateOnly date) => new() { Class = c, Date = date };

        static Enrolment Enrol(UniversityClass c, int? retireeId, GuestLearner? guest, EnrolmentStatus status, int? seat) =>
            new() { Class = c, RetireeId = retireeId, Guest = guest, Status = status, Seat = seat, AppliedAt = new DateTime(2025, 8, 1, 0, 0, 0, DateTimeKind.Utc) };

        static Attendance Mark(ClassSession s, Enrolment e, AttendanceMark mark) => new() { Session = s, Enrolment = e, RetireeId = e.RetireeId, Mark = mark };
    }

    private static (UniversityCommands Commands, EnrolmentService Enrolments, UniversityQueries Queries) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<UniversityCommands>(), scope.ServiceProvider.GetRequiredService<EnrolmentService>(),
         scope.ServiceProvider.GetRequiredService<UniversityQueries>());

    private static async Task<int> TermAsync(UniversityCommands commands, DateOnly from, DateOnly to, string name = "测试学期")
    {
        var result = await commands.SaveTermAsync(null, new TermForm { Name = name, StartsOn = from, EndsOn = to });
        Assert.True(result.Succeeded, string.Join(";", result.Errors));
        return result.Value;
    }

    private async Task<int> ClassAsync(UniversityCommands commands, int termId, int capacity, DateOnly from, DateOnly to, ClassDay day, string name = "书法一班")
    {
        var form = ClassFor(termId, capacity, from, to, day, name);
        form.CourseId = await CourseAsync(commands);
        var result = await commands.CreateClassAsync(form);
        Assert.True(result.Succeeded, string.Join(";", result.Errors));
        return result.Value;
    }

    /// <summary>A class running now (started eight weeks ago, ends in eight), every day of the week it is today.</summary>
    private async Task<int> RunningClassAsync(UniversityCommands commands, int capacity, string name = "书法一班")
    {
        var today = commands.Today;
        int termId;
        using (var db = App.Database.CreateContext())
        {
            termId = await db.Set<Term>().Where(t => t.Name == "本学期").Select(t => t.Id).SingleOrDefaultAsync();
        }

        if (termId == 0)
        {
            termId = await TermAsync(commands, today.AddDays(-70), today.AddDays(70), "本学期");
        }

        return await ClassAsync(commands, termId, capacity, today.AddDays(-56), today.AddDays(56), (ClassDay)((int)today.DayOfWeek == 0 ? 7 : (int)today.DayOfWeek), name);
    }

    private async Task<int> CourseAsync(UniversityCommands commands)
    {
        using (var db = App.Database.CreateContext())
        {
            if (await db.Set<Course>().Where(c => c.Name == "书法").Select(c => (int?)c.Id).SingleOrDefaultAsync() is { } id)
            {
                return id;
            }
        }

        var result = await commands.SaveCourseAsync(null, new CourseForm { Name = "书法", Category = CourseCategory.CalligraphyPainting });
        Assert.True(result.Succeeded, string.Join(";", result.Errors));
        return result.Value;
    }

    private static ClassForm ClassFor(int termId, int capacity, DateOnly from, DateOnly to, ClassDay day, string name) => new()
    {
        TermId = termId, CourseId = null, Name = name, Teacher = "李老师", Place = "老年大学201教室", Weekday = day,
        StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(10, 30), Capacity = capacity, StartsOn = from, EndsOn = to,
    };

    private List<int> MakeRetirees(int count, string prefix = "候补者")
    {
        using var db = App.Database.CreateContext();
        var make = new RegisterBuilder(db);
        return [.. Enumerable.Range(0, count).Select(i => make.Retiree(_world.UnitB, prefix + i).Id)];
    }
}
