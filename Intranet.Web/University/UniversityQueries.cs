using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Domain.University;
using Intranet.Web.Accounts;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.University;

public sealed record TermItem(int Id, string Name, DateOnly StartsOn, DateOnly EndsOn, long Version);

public sealed record CourseItem(int Id, string Name, CourseCategory Category, string? Description, long Version);

/// <summary>A class in the term's list: its schedule, and how full it is (numbers, never names).</summary>
public sealed record ClassRow(
    int Id, string Name, string Course, string? Teacher, string? Place, ClassDay Weekday, TimeOnly StartTime, TimeOnly EndTime,
    DateOnly StartsOn, DateOnly EndsOn, int Capacity, int Enrolled, int Waiting)
{
    public string Schedule => $"{Intranet.Domain.Common.EnumLabel.Of(Weekday)} {StartTime:HH\\:mm}–{EndTime:HH\\:mm}";
}

/// <summary>A learner on a class's lists: a retiree (with unit) or an outside learner (with community).</summary>
public sealed record LearnerRow(
    int EnrolmentId, int? RetireeId, int? GuestId, string Name, string? UnitOrCommunity, EnrolmentStatus Status, int? Seat,
    DateTime AppliedAt, DateOnly? LeftOn, long Version)
{
    public bool IsGuest => GuestId is not null;

    public string Href => RetireeId is { } id ? $"/register/{id}" : $"/university/learners/{GuestId}";
}

public sealed record SessionRow(int Id, DateOnly Date, bool IsCancelled, string? Note, int Present, int Excused);

public sealed record ClassDetails(
    UniversityClass Class, string TermName, string CourseName, IReadOnlyList<LearnerRow> Enrolled, IReadOnlyList<LearnerRow> Waiting,
    IReadOnlyList<LearnerRow> Left, IReadOnlyList<SessionRow> Sessions, int EnrolledTotal, int WaitingTotal)
{
    /// <summary>Whether some learners are not listed because they are outside the reader's unit.</summary>
    public bool Partial => Enrolled.Count < EnrolledTotal || Waiting.Count < WaitingTotal;
}

/// <summary>One learner on the attendance sheet of a session, with the mark already made.</summary>
public sealed record SheetRow(int EnrolmentId, int? Seat, string Name, bool IsGuest, AttendanceMark? Mark);

public sealed record SessionSheet(int SessionId, int ClassId, string ClassName, DateOnly Date, bool IsCancelled, string? Place, TimeOnly StartTime, IReadOnlyList<SheetRow> Learners);

/// <summary>A learner's class with their attendance in it (the 学习 tab, an outside learner's page).</summary>
/// <param name="Held">Sessions of the class held so far (not cancelled, up to today).</param>
public sealed record LearningRow(int ClassId, string ClassName, string TermName, EnrolmentStatus Status, int? Seat, DateOnly StartsOn, DateOnly EndsOn, int Held, int Present);

public sealed record GuestDetails(GuestLearner Guest, IReadOnlyList<LearningRow> Classes);

/// <summary>
/// A year's elderly-university figures, as the office reports them: classes run (those starting in the year), learners
/// (人次: a place taken in a class, counted once per class, whether or not the learner left later) and those of
/// retired teachers, distinct people, how full the classes are now, and attendances at the year's sessions. For one
/// unit, people-counts are that unit's retirees only.
/// </summary>
public sealed record UniversityFigures(
    int Year, int Classes, int Capacity, int Enrolled, int Waiting, int Enrolments, int RetireeEnrolments, int RetireeLearners, int GuestLearners,
    int Attendances, int RetireeAttendances, int GuestAttendances);

/// <summary>The university's reads. Timetables are for every reader; names of learners follow the reader's scope.</summary>
public sealed class UniversityQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public bool MayManage => user.MayManageProgrammes();

    public bool MayEnrol => user.Can(Permissions.CanEditRecords);

    /// <summary>Only district-wide readers see outside learners (they belong to no unit).</summary>
    public bool SeesGuests => user.Scope.Kind == ScopeKind.All;

    public async Task<IReadOnlyList<TermItem>> TermsAsync(CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Term>().AsNoTracking().OrderByDescending(t => t.StartsOn)
            .Select(t => new TermItem(t.Id, t.Name, t.StartsOn, t.EndsOn, t.Version)).ToListAsync(cancellationToken);
    }

    /// <summary>The term running today, else the next to start, else the latest.</summary>
    public static TermItem? CurrentTerm(IReadOnlyList<TermItem> terms, DateOnly today) =>
        terms.FirstOrDefault(t => t.StartsOn <= today && today <= t.EndsOn)
        ?? terms.Where(t => t.StartsOn > today).MinBy(t => t.StartsOn)
        ?? terms.MaxBy(t => t.StartsOn);

    public async Task<IReadOnlyList<CourseItem>> CoursesAsync(CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Course>().AsNoTracking().OrderBy(c => c.Category).ThenBy(c => c.Name)
            .Select(c => new CourseItem(c.Id, c.Name, c.Category, c.Description, c.Version)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Choice>> CourseChoicesAsync(string? term, int? selected, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ChoiceQueries.PickAsync(
            db.Set<Course>().AsNoTracking().OrderBy(c => c.Name),
            term is null ? null : c => c.Name.Contains(term),
            c => new Choice(c.Id, c.Name),
            selected is { } id ? c => c.Id == id : null,
            cancellationToken);
    }

    public async Task<IReadOnlyList<ClassRow>> ClassesAsync(int termId, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<UniversityClass>().AsNoTracking()
            .Where(c => c.TermId == termId)
            .OrderBy(c => c.Course!.Name).ThenBy(c => c.Name)
            .Select(c => new ClassRow(
                c.Id, c.Name, c.Course!.Name, c.Teacher, c.Place, c.Weekday, c.StartTime, c.EndTime, c.StartsOn, c.EndsOn, c.Capacity,
                db.Set<Enrolment>().Count(e => e.ClassId == c.Id && e.Status == EnrolmentStatus.Enrolled),
                db.Set<Enrolment>().Count(e => e.ClassId == c.Id && e.Status == EnrolmentStatus.Waiting)))
            .ToListAsync(cancellationToken);
    }

    public async Task<ClassForm?> ClassFormAsync(int id, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<UniversityClass>().AsNoTracking().Where(c => c.Id == id).Select(c => new ClassForm
        {
            TermId = c.TermId, CourseId = c.CourseId, Name = c.Name, Teacher = c.Teacher, Place = c.Place, Weekday = c.Weekday,
            StartTime = c.StartTime, EndTime = c.EndTime, Capacity = c.Capacity, StartsOn = c.StartsOn, EndsOn = c.EndsOn, Version = c.Version,
        }).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<ClassDetails?> ClassAsync(int id, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var universityClass = await db.Set<UniversityClass>().AsNoTracking().Include(c => c.Term).Include(c => c.Course).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (universityClass is null)
        {
            return null;
        }

        var learners = await Learners(db, id).ToListAsync(cancellationToken);
        var totals = await db.Set<Enrolment>().Where(e => e.ClassId == id && e.Status != EnrolmentStatus.Left)
            .GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var sessions = await db.Set<ClassSession>().AsNoTracking().Where(s => s.ClassId == id).OrderBy(s => s.Date)
            .Select(s => new SessionRow(s.Id, s.Date, s.IsCancelled, s.Note,
                db.Set<Attendance>().Count(a => a.SessionId == s.Id && a.Mark == AttendanceMark.Present),
                db.Set<Attendance>().Count(a => a.SessionId == s.Id && a.Mark == AttendanceMark.Excused)))
            .ToListAsync(cancellationToken);
        return new ClassDetails(
            universityClass, universityClass.Term!.Name, universityClass.Course!.Name,
            [.. learners.Where(l => l.Status == EnrolmentStatus.Enrolled).OrderBy(l => l.Seat)],
            [.. learners.Where(l => l.Status == EnrolmentStatus.Waiting).OrderBy(l => l.AppliedAt).ThenBy(l => l.EnrolmentId)],
            [.. learners.Where(l => l.Status == EnrolmentStatus.Left).OrderByDescending(l => l.LeftOn)],
            sessions,
            totals.FirstOrDefault(t => t.Key == EnrolmentStatus.Enrolled)?.Count ?? 0,
            totals.FirstOrDefault(t => t.Key == EnrolmentStatus.Waiting)?.Count ?? 0);
    }

    /// <summary>Where each waiting learner stands in the whole line (people of other units included in the count).</summary>
    public async Task<IReadOnlyDictionary<int, int>> WaitingPositionsAsync(int classId, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var line = await db.Set<Enrolment>().Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Waiting)
            .OrderBy(e => e.AppliedAt).ThenBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
        return line.Select((id, i) => (id, i + 1)).ToDictionary(p => p.id, p => p.Item2);
    }

    public async Task<SessionSheet?> SheetAsync(int sessionId, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Set<ClassSession>().AsNoTracking().Include(s => s.Class).SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var marks = await db.Set<Attendance>().AsNoTracking().Where(a => a.SessionId == sessionId)
            .Select(a => new { a.EnrolmentId, a.Mark }).ToDictionaryAsync(a => a.EnrolmentId, a => a.Mark, cancellationToken);

        // Those enrolled now, and anyone marked at this session who has left since (their mark still counts).
        var marked = marks.Keys.ToList();
        var learners = await Learners(db, session.ClassId, e => e.Status == EnrolmentStatus.Enrolled || marked.Contains(e.Id)).ToListAsync(cancellationToken);
        return new SessionSheet(session.Id, session.ClassId, session.Class!.Name, session.Date, session.IsCancelled, session.Class.Place, session.Class.StartTime,
            [.. learners.OrderBy(l => l.Seat ?? int.MaxValue).ThenBy(l => l.Name)
                .Select(l => new SheetRow(l.EnrolmentId, l.Seat, l.Name, l.IsGuest, marks.TryGetValue(l.EnrolmentId, out var m) ? m : null))]);
    }

    public async Task<IReadOnlyList<LearningRow>> RetireeLearningAsync(int retireeId, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Learning(user.Scope.Apply(db.Set<Enrolment>().AsNoTracking()).Where(e => e.RetireeId == retireeId), db).ToListAsync(cancellationToken);
    }

    public async Task<GuestDetails?> GuestAsync(int guestId, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        if (!SeesGuests)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var guest = await db.Set<GuestLearner>().AsNoTracking().SingleOrDefaultAsync(g => g.Id == guestId, cancellationToken);
        if (guest is null)
        {
            return null;
        }

        var classes = await Learning(db.Set<Enrolment>().AsNoTracking().Where(e => e.GuestId == guestId), db).ToListAsync(cancellationToken);

        // The phone is shown masked, like a retiree's; the full number stays on the server.
        guest.Phone = user.PersonalData.Phone(guest.Phone);
        return new GuestDetails(guest, classes);
    }

    public async Task<UniversityFigures> YearAsync(int year, int? unitId, CancellationToken cancellationToken = default)
    {
        user.DemandProgrammes();
        if (user.Scope.Kind == ScopeKind.Unit)
        {
            unitId = user.Scope.UnitId;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FiguresAsync(db, year, unitId, cancellationToken);
    }

    /// <summary>The figures for a year (and a unit), read with no user: the page and the dashboard both come here.</summary>
    internal static async Task<UniversityFigures> FiguresAsync(IntranetDbContext db, int year, int? unitId, CancellationToken cancellationToken)
    {
        var from = new DateOnly(year, 1, 1);
        var to = from.AddYears(1);
        var classes = db.Set<UniversityClass>().Where(c => c.StartsOn >= from && c.StartsOn < to);
        var classCount = await classes.CountAsync(cancellationToken);
        var capacity = await classes.SumAsync(c => (int?)c.Capacity, cancellationToken) ?? 0;

        var enrolments = db.Set<Enrolment>().Where(e => e.Class!.StartsOn >= from && e.Class.StartsOn < to);
        var attendances = db.Set<Attendance>().Where(a => a.Mark == AttendanceMark.Present && a.Session!.Date >= from && a.Session.Date < to);
        if (unitId is { } unit)
        {
            enrolments = enrolments.Where(e => e.Retiree!.UnitId == unit);
            attendances = attendances.Where(a => a.Retiree!.UnitId == unit);
        }

        var byStatus = await enrolments.GroupBy(e => new { e.Status, Guest = e.RetireeId == null })
            .Select(g => new { g.Key.Status, g.Key.Guest, Count = g.Count() }).ToListAsync(cancellationToken);
        var retireeLearners = await enrolments.Where(e => e.RetireeId != null && e.Status != EnrolmentStatus.Waiting).Select(e => e.RetireeId).Distinct().CountAsync(cancellationToken);
        var guestLearners = await enrolments.Where(e => e.GuestId != null && e.Status != EnrolmentStatus.Waiting).Select(e => e.GuestId).Distinct().CountAsync(cancellationToken);
        var attended = await attendances.GroupBy(a => a.RetireeId == null).Select(g => new { Guest = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var retireeAttendances = attended.Where(a => !a.Guest).Sum(a => a.Count);
        var guestAttendances = attended.Where(a => a.Guest).Sum(a => a.Count);
        return new UniversityFigures(
            year, classCount, capacity,
            byStatus.Where(s => s.Status == EnrolmentStatus.Enrolled).Sum(s => s.Count),
            byStatus.Where(s => s.Status == EnrolmentStatus.Waiting).Sum(s => s.Count),
            byStatus.Where(s => s.Status != EnrolmentStatus.Waiting).Sum(s => s.Count),
            byStatus.Where(s => s.Status != EnrolmentStatus.Waiting && !s.Guest).Sum(s => s.Count),
            retireeLearners, guestLearners, retireeAttendances + guestAttendances, retireeAttendances, guestAttendances);
    }

    private IQueryable<LearnerRow> Learners(IntranetDbContext db, int classId, System.Linq.Expressions.Expression<Func<Enrolment, bool>>? where = null) =>
        user.Scope.Apply(db.Set<Enrolment>().AsNoTracking())
            .Where(e => e.ClassId == classId)
            .Where(where ?? (e => true))
            .Select(e => new LearnerRow(
                e.Id, e.RetireeId, e.GuestId,
                e.RetireeId != null ? e.Retiree!.Name : e.Guest!.Name,
                e.RetireeId != null ? e.Retiree!.Unit!.Name : e.Guest!.Community,
                e.Status, e.Seat, e.AppliedAt, e.LeftOn, e.Version));

    private IQueryable<LearningRow> Learning(IQueryable<Enrolment> enrolments, IntranetDbContext db)
    {
        var today = Today;
        return enrolments
            .OrderByDescending(e => e.Class!.StartsOn)
            .Select(e => new LearningRow(
                e.ClassId, e.Class!.Name, e.Class.Term!.Name, e.Status, e.Seat, e.Class.StartsOn, e.Class.EndsOn,
                db.Set<ClassSession>().Count(s => s.ClassId == e.ClassId && !s.IsCancelled && s.Date <= today),
                db.Set<Attendance>().Count(a => a.EnrolmentId == e.Id && a.Mark == AttendanceMark.Present)));
    }
}
