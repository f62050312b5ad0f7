using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Domain.University;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Programmes;
using Microsoft.EntityFrameworkCore;
using static Intranet.Web.Platform.Forms.FormText;

namespace Intranet.Web.University;

/// <summary>
/// The university's timetable, kept by the district office: terms, courses, classes and their sessions. A class's
/// sessions follow its weekly schedule; a holiday's is cancelled, not deleted, and a session that has attendance is
/// never removed by a change of schedule.
/// </summary>
public sealed class UniversityCommands(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, AuditLog audit, TimeProvider time)
{
    private const string ClassChanged = "这个班级刚被他人修改，请重新载入后再操作，您填写的内容尚未保存。";

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<CommandResult<int>> SaveTermAsync(int? id, TermForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync(nameof(Term), "维护学期", cancellationToken) is { } refused)
        {
            return refused.As<int>();
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid.As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = form.Name.Trim();
        if (await db.Set<Term>().AnyAsync(t => t.Name == name && t.Id != id, cancellationToken))
        {
            return CommandResult.Invalid(nameof(form.Name), $"已有名为“{name}”的学期。").As<int>();
        }

        var term = id is { } existing ? await db.Set<Term>().SingleOrDefaultAsync(t => t.Id == existing, cancellationToken) : new Term { Name = name };
        if (term is null)
        {
            return CommandResult.Missing().As<int>();
        }

        if (id is not null)
        {
            var outside = await db.Set<UniversityClass>()
                .Where(c => c.TermId == term.Id && (c.StartsOn < form.StartsOn || c.EndsOn > form.EndsOn))
                .Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
            if (outside is not null)
            {
                return CommandResult.Invalid(nameof(form.StartsOn), $"本学期的班级“{outside}”不在新的起止日期之内，请先调整该班的日期。").As<int>();
            }

            db.Entry(term).Property(t => t.Version).OriginalValue = form.Version;
        }
        else
        {
            db.Add(term);
        }

        term.Name = name;
        term.StartsOn = form.StartsOn!.Value;
        term.EndsOn = form.EndsOn!.Value;
        return await db.SaveOrChangedAsync("这个学期刚被他人修改，请重新载入。", cancellationToken) is { Succeeded: false } failed ? failed.As<int>() : CommandResult.Ok(term.Id);
    }

    public async Task<CommandResult<int>> SaveCourseAsync(int? id, CourseForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync(nameof(Course), "维护课程", cancellationToken) is { } refused)
        {
            return refused.As<int>();
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid.As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = form.Name.Trim();
        if (await db.Set<Course>().AnyAsync(c => c.Name == name && c.Id != id, cancellationToken))
        {
            return CommandResult.Invalid(nameof(form.Name), $"已有名为“{name}”的课程。").As<int>();
        }

        var course = id is { } existing ? await db.Set<Course>().SingleOrDefaultAsync(c => c.Id == existing, cancellationToken) : new Course { Name = name };
        if (course is null)
        {
            return CommandResult.Missing().As<int>();
        }

        if (id is null)
        {
            db.Add(course);
        }
        else
        {
            db.Entry(course).Property(c => c.Version).OriginalValue = form.Version;
        }

        course.Name = name;
        course.Category = form.Category!.Value;
        course.Description = Clean(form.Description);
        return await db.SaveOrChangedAsync("这门课程刚被他人修改，请重新载入。", cancellationToken) is { Succeeded: false } failed ? failed.As<int>() : CommandResult.Ok(course.Id);
    }

    /// <summary>A new class with its sessions, generated from the weekly schedule, in one save.</summary>
    public async Task<CommandResult<int>> CreateClassAsync(ClassForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync(nameof(UniversityClass), "开设班级", cancellationToken) is { } refused)
        {
            return refused.As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await CheckClassAsync(db, null, form, cancellationToken) is { } invalid)
        {
            return invalid.As<int>();
        }

        var universityClass = new UniversityClass { Name = form.Name.Trim() };
        Apply(form, universityClass);
        db.Add(universityClass);
        foreach (var day in universityClass.ScheduledDays())
        {
            db.Add(new ClassSession { Class = universityClass, Date = day });
        }

        return await db.SaveOrChangedAsync(ClassChanged, cancellationToken) is { Succeeded: false } failed ? failed.As<int>() : CommandResult.Ok(universityClass.Id);
    }

    /// <summary>
    /// Changes a class. Capacity may not fall below the learners enrolled; raised, it seats the waiting list in order.
    /// A new schedule adds the sessions it needs and drops the ones it no longer has, unless attendance was taken there.
    /// </summary>
    public async Task<CommandResult> UpdateClassAsync(int id, ClassForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync(nameof(UniversityClass), "修改班级", cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var universityClass = await db.Set<UniversityClass>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (universityClass is null)
        {
            return CommandResult.Missing();
        }

        if (universityClass.Version != form.Version)
        {
            return CommandResult.Changed(ClassChanged);
        }

        if (await CheckClassAsync(db, id, form, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var enrolled = await db.Set<Enrolment>().CountAsync(e => e.ClassId == id && e.Status == EnrolmentStatus.Enrolled, cancellationToken);
        if (form.Capacity < enrolled)
        {
            return CommandResult.Invalid(nameof(form.Capacity), $"本班已有 {enrolled} 人在读，名额不能少于 {enrolled}。如需减少名额，请先为部分学员办理退学。");
        }

        Apply(form, universityClass);
        db.Entry(universityClass).Property(c => c.Version).OriginalValue = form.Version;

        var sessions = await db.Set<ClassSession>().Where(s => s.ClassId == id).ToListAsync(cancellationToken);
        var scheduled = universityClass.ScheduledDays().ToHashSet();
        var dropped = sessions.Where(s => !scheduled.Contains(s.Date)).ToList();
        var droppedIds = dropped.Select(s => s.Id).ToList();
        var kept = await db.Set<Attendance>().Where(a => droppedIds.Contains(a.SessionId)).Select(a => a.Session!.Date).Distinct().ToListAsync(cancellationToken);
        if (kept.Count > 0)
        {
            return CommandResult.Invalid(nameof(form.StartsOn),
                $"{string.Join("、", kept.Order().Select(d => d.ToString("M月d日", CultureInfo.InvariantCulture)))}的课已记录考勤，新的上课安排必须包含这些日期。");
        }

        db.RemoveRange(dropped);
        var existing = sessions.Select(s => s.Date).ToHashSet();
        db.AddRange(scheduled.Where(d => !existing.Contains(d)).Select(d => new ClassSession { ClassId = id, Date = d }));

        await EnrolmentRules.SeatWaitingAsync(db, universityClass, cancellationToken);
        return await db.SaveOrChangedAsync(ClassChanged, cancellationToken);
    }

    /// <summary>Cancels a session (a holiday) or restores it; a cancelled session takes no attendance.</summary>
    public async Task<CommandResult> SetSessionCancelledAsync(int sessionId, bool cancelled, string? note, CancellationToken cancellationToken = default)
    {
        if (await RefusedAsync(nameof(ClassSession), cancelled ? "停课" : "恢复上课", cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Set<ClassSession>().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return CommandResult.Missing();
        }

        if (cancelled && await db.Set<Attendance>().AnyAsync(a => a.SessionId == sessionId && a.Mark == AttendanceMark.Present, cancellationToken))
        {
            return CommandResult.Refused($"{session.Date:yyyy-MM-dd} 的课已有学员签到，不能停课。");
        }

        session.IsCancelled = cancelled;
        session.Note = Clean(note) is { } text && text.Length > 100 ? text[..100] : Clean(note);
        return await db.SaveOrChangedAsync("这次课刚被他人修改，请重新载入。", cancellationToken);
    }

    /// <summary>An extra session (a make-up class) on a day inside the class's dates.</summary>
    public async Task<CommandResult<int>> AddSessionAsync(int classId, DateOnly? date, CancellationToken cancellationToken = default)
    {
        if (await RefusedAsync(nameof(ClassSession), "加课", cancellationToken) is { } refused)
        {
            return refused.As<int>();
        }

        if (date is not { } day)
        {
            return CommandResult.Invalid("SessionDate", "请填写上课日期。").As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var universityClass = await db.Set<UniversityClass>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == classId, cancellationToken);
        if (universityClass is null)
        {
            return CommandResult.Missing().As<int>();
        }

        if (day < universityClass.StartsOn || day > universityClass.EndsOn)
        {
            return CommandResult.Invalid("SessionDate",
                $"上课日期应在本班的开课和结课日期之间（{universityClass.StartsOn:yyyy-MM-dd} 至 {universityClass.EndsOn:yyyy-MM-dd}）。").As<int>();
        }

        if (await db.Set<ClassSession>().AnyAsync(s => s.ClassId == classId && s.Date == day, cancellationToken))
        {
            return CommandResult.Invalid("SessionDate", $"{day:yyyy-MM-dd} 已有一次课。").As<int>();
        }

        var session = new ClassSession { ClassId = classId, Date = day, Note = "补课" };
        db.Add(session);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same day added twice at once (a double click): the unique index kept one.
            return CommandResult.Invalid("SessionDate", $"{day:yyyy-MM-dd} 已有一次课。").As<int>();
        }

        return CommandResult.Ok(session.Id);
    }

    private static async Task<CommandResult?> CheckClassAsync(IntranetDbContext db, int? id, ClassForm form, CancellationToken cancellationToken)
    {
        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid;
        }

        var term = await db.Set<Term>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == form.TermId, cancellationToken);
        if (term is null)
        {
            return CommandResult.Invalid(nameof(form.TermId), "请选择学期。");
        }

        if (!await db.Set<Course>().AnyAsync(c => c.Id == form.CourseId, cancellationToken))
        {
            return CommandResult.Invalid(nameof(form.CourseId), "请选择课程。");
        }

        if (form.StartsOn < term.StartsOn || form.EndsOn > term.EndsOn)
        {
            return CommandResult.Invalid(nameof(form.StartsOn), $"开课和结课日期应在{term.Name}之内（{term.StartsOn:yyyy-MM-dd} 至 {term.EndsOn:yyyy-MM-dd}）。");
        }

        var name = form.Name.Trim();
        if (await db.Set<UniversityClass>().AnyAsync(c => c.TermId == form.TermId && c.Name == name && c.Id != id, cancellationToken))
        {
            return CommandResult.Invalid(nameof(form.Name), $"{term.Name}已有名为“{name}”的班级。");
        }

        return null;
    }

    private static void Apply(ClassForm form, UniversityClass universityClass)
    {
        universityClass.TermId = form.TermId!.Value;
        universityClass.CourseId = form.CourseId!.Value;
        universityClass.Name = form.Name.Trim();
        universityClass.Teacher = Clean(form.Teacher);
        universityClass.Place = Clean(form.Place);
        universityClass.Weekday = form.Weekday!.Value;
        universityClass.StartTime = form.StartTime!.Value;
        universityClass.EndTime = form.EndTime!.Value;
        universityClass.Capacity = form.Capacity;
        universityClass.StartsOn = form.StartsOn!.Value;
        universityClass.EndsOn = form.EndsOn!.Value;
    }

    private Task<CommandResult?> RefusedAsync(string entityType, string action, CancellationToken cancellationToken) =>
        user.RefuseUnlessAsync(Permissions.CanManageProgrammes, audit, entityType, $"无权限的账户试图{action}", ProgrammeAccess.NotManager, cancellationToken);
}
