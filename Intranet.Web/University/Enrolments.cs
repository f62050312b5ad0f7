using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.University;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Register;
using Microsoft.EntityFrameworkCore;
using static Intranet.Web.Platform.Forms.FormText;

namespace Intranet.Web.University;

/// <summary>Where an enrolment landed: a seat, or a place in the waiting line (1 = next).</summary>
public sealed record EnrolOutcome(int EnrolmentId, EnrolmentStatus Status, int? Seat, int? WaitingPosition)
{
    public string Describe(string name) => Status == EnrolmentStatus.Enrolled
        ? $"{name}已报名，座号 {Seat}。"
        : $"本班名额已满，{name}已列入候补，排第 {WaitingPosition} 位；有人退学时按顺序自动递补。";
}

/// <summary>The seating rules both the timetable and the enrolments follow.</summary>
internal static class EnrolmentRules
{
    /// <summary>
    /// Seats the waiting line, first come first served, in the free seats (after a learner left or the capacity rose).
    /// The changes are tracked on <paramref name="db"/>, to be saved with whatever freed the seats: each promotion is an
    /// edit of that learner's enrolment (候补 → 在读) and so a line in their history.
    /// </summary>
    public static async Task SeatWaitingAsync(IntranetDbContext db, UniversityClass universityClass, CancellationToken cancellationToken)
    {
        // A tracking query: learners already loaded (the one leaving) come back as they are now, not as stored.
        var current = await db.Set<Enrolment>()
            .Where(e => e.ClassId == universityClass.Id && e.Status != EnrolmentStatus.Left)
            .ToListAsync(cancellationToken);
        current.RemoveAll(e => e.Status == EnrolmentStatus.Left);
        var seats = current.Where(e => e.Status == EnrolmentStatus.Enrolled && e.Seat is not null).Select(e => e.Seat!.Value).ToHashSet();
        var free = Enumerable.Range(1, universityClass.Capacity).Where(s => !seats.Contains(s)).GetEnumerator();
        foreach (var waiting in current.Where(e => e.Status == EnrolmentStatus.Waiting).OrderBy(e => e.AppliedAt).ThenBy(e => e.Id))
        {
            if (!free.MoveNext())
            {
                break;
            }

            waiting.Status = EnrolmentStatus.Enrolled;
            waiting.Seat = free.Current;
        }
    }
}

/// <summary>
/// Enrolments and attendance. District staff enrol anybody; a unit officer enrols their own unit's retirees (outside
/// learners belong to no unit, so only district staff keep them). Capacity is enforced by unique seat numbers: two
/// people taking the last place at once cannot both get it, and the one who loses the race is put on the waiting list.
/// </summary>
public sealed class EnrolmentService(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, AuditLog audit, TimeProvider time)
{
    private const string Changed = "名单刚有变动，请重新载入后再操作。";

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<CommandResult<EnrolOutcome>> EnrolAsync(int classId, EnrolForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await user.RefuseUnlessAsync(Permissions.CanEditRecords, audit, nameof(Enrolment), "无修改权限的账户试图报名", "您的账户没有报名的权限。", cancellationToken) is { } refused)
        {
            return refused.As<EnrolOutcome>();
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid.As<EnrolOutcome>();
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var universityClass = await db.Set<UniversityClass>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == classId, cancellationToken);
            if (universityClass is null)
            {
                return CommandResult.Missing().As<EnrolOutcome>();
            }

            if (universityClass.EndsOn < Today)
            {
                return CommandResult.Refused($"{universityClass.Name}已于 {universityClass.EndsOn:yyyy-MM-dd} 结课，不能再报名。").As<EnrolOutcome>();
            }

            if (form.RetireeId is { } retireeId)
            {
                var retiree = await user.PersonInScopeAsync(db, audit, retireeId, "试图为范围之外的退休教工报名", cancellationToken);
                if (retiree is null)
                {
                    return CommandResult.Missing().As<EnrolOutcome>();
                }

                if (retiree.IsDeceased)
                {
                    return CommandResult.Invalid(nameof(form.RetireeId), $"{retiree.Name}已故，不能报名。").As<EnrolOutcome>();
                }
            }
            else if (user.Scope.Kind != ScopeKind.All)
            {
                return CommandResult.Refused("社会学员由区退管会登记，单位账户只能为本单位的退休教工报名。").As<EnrolOutcome>();
            }
            else if (form.GuestId is { } guestId && !await db.Set<GuestLearner>().AnyAsync(g => g.Id == guestId, cancellationToken))
            {
                return CommandResult.Missing().As<EnrolOutcome>();
            }
        }

        // A seat is taken by saving it: if somebody took the same seat in the meantime, the unique index refuses the
        // save and the next free seat (or the waiting list) is tried, with a fresh context.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var universityClass = await db.Set<UniversityClass>().AsNoTracking().SingleAsync(c => c.Id == classId, cancellationToken);
            var guestId = form.GuestId ?? (form.RetireeId is null ? await ExistingGuestAsync(db, form, cancellationToken) : null);
            var enrolment = await db.Set<Enrolment>().SingleOrDefaultAsync(
                e => e.ClassId == classId && (form.RetireeId != null ? e.RetireeId == form.RetireeId : e.GuestId == guestId && guestId != null), cancellationToken);
            if (enrolment is { Status: not EnrolmentStatus.Left })
            {
                return AlreadyIn(enrolment, await NameAsync(db, enrolment, cancellationToken));
            }

            if (enrolment is null)
            {
                enrolment = new Enrolment { ClassId = classId, RetireeId = form.RetireeId, GuestId = guestId };
                if (form.RetireeId is null && guestId is null)
                {
                    enrolment.Guest = new GuestLearner
                    {
                        Name = form.GuestName!.Trim(),
                        Phone = Clean(form.GuestPhone),
                        Community = Clean(form.GuestCommunity),
                        BirthYear = form.GuestBirthYear,
                    };
                }

                db.Add(enrolment);
            }

            enrolment.AppliedAt = time.GetUtcNow().UtcDateTime;
            enrolment.LeftOn = null;
            var seats = await db.Set<Enrolment>().Where(e => e.ClassId == classId && e.Seat != null).Select(e => e.Seat!.Value).ToListAsync(cancellationToken);
            var free = Enumerable.Range(1, universityClass.Capacity).Except(seats).Cast<int?>().FirstOrDefault();
            var waitingAhead = await db.Set<Enrolment>().CountAsync(e => e.ClassId == classId && e.Status == EnrolmentStatus.Waiting, cancellationToken);

            // Nobody jumps the line: while people wait, a newcomer waits behind them even if a seat is free.
            enrolment.Status = free is not null && waitingAhead == 0 ? EnrolmentStatus.Enrolled : EnrolmentStatus.Waiting;
            enrolment.Seat = enrolment.Status == EnrolmentStatus.Enrolled ? free : null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Ok(new EnrolOutcome(
                    enrolment.Id, enrolment.Status, enrolment.Seat, enrolment.Status == EnrolmentStatus.Waiting ? waitingAhead + 1 : null));
            }
            catch (DbUpdateConcurrencyException)
            {
                return CommandResult.Changed(Changed).As<EnrolOutcome>();
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Either the seat went to someone else (try again) or this person was enrolled by a second click at
                // the same moment (the next attempt finds them and says so).
            }
        }
    }

    /// <summary>
    /// A learner leaves the class: the seat is freed and the first in the waiting line takes it, in one save. Leaving the
    /// waiting line frees nothing.
    /// </summary>
    public async Task<CommandResult<string?>> WithdrawAsync(int enrolmentId, long version, CancellationToken cancellationToken = default)
    {
        if (await user.RefuseUnlessAsync(Permissions.CanEditRecords, audit, nameof(Enrolment), "无修改权限的账户试图办理退学", "您的账户没有办理退学的权限。", cancellationToken) is { } refused)
        {
            return refused.As<string?>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var enrolment = await user.Scope.Apply(db.Set<Enrolment>()).Include(e => e.Class).SingleOrDefaultAsync(e => e.Id == enrolmentId, cancellationToken);
        if (enrolment is null)
        {
            return CommandResult.Missing().As<string?>();
        }

        if (enrolment.Version != version)
        {
            return CommandResult.Changed(Changed).As<string?>();
        }

        if (enrolment.Status == EnrolmentStatus.Left)
        {
            return CommandResult.Refused("该学员已经退学。").As<string?>();
        }

        var wasSeated = enrolment.Status == EnrolmentStatus.Enrolled;
        enrolment.Status = EnrolmentStatus.Left;
        enrolment.Seat = null;
        enrolment.LeftOn = Today;

        // The seat is freed first, so the promoted learner can take that very number under the unique index.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            string? promoted = null;
            if (wasSeated)
            {
                await EnrolmentRules.SeatWaitingAsync(db, enrolment.Class!, cancellationToken);
                var seated = db.ChangeTracker.Entries<Enrolment>().Where(e => e.State == EntityState.Modified && e.Entity.Id != enrolment.Id).Select(e => e.Entity).ToList();
                await db.SaveChangesAsync(cancellationToken);
                promoted = seated.Count == 0 ? null : await NameAsync(db, seated[0], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return CommandResult.Ok(promoted);
        }
        catch (DbUpdateException)
        {
            return CommandResult.Changed(Changed).As<string?>();
        }
    }

    /// <summary>
    /// Marks one learner at one session (a tap on the attendance page), or clears the mark with <c>null</c>. Only for
    /// learners enrolled in that class, at a session that is not cancelled and has begun.
    /// </summary>
    public async Task<CommandResult> MarkAsync(int sessionId, int enrolmentId, AttendanceMark? mark, CancellationToken cancellationToken = default)
    {
        if (await user.RefuseUnlessAsync(
                Permissions.CanManageProgrammes, audit, nameof(Attendance), "无权限的账户试图登记考勤", "只有区退管会工作人员可以登记考勤。", cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Set<ClassSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        var enrolment = await db.Set<Enrolment>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == enrolmentId, cancellationToken);
        if (session is null || enrolment is null)
        {
            return CommandResult.Missing();
        }

        if (enrolment.ClassId != session.ClassId)
        {
            return CommandResult.Refused("该学员不在这个班，不能登记这次课的考勤。");
        }

        if (session.IsCancelled)
        {
            return CommandResult.Refused($"{session.Date:yyyy-MM-dd} 的课已停课，不能登记考勤。");
        }

        if (session.Date > Today)
        {
            return CommandResult.Refused($"{session.Date:yyyy-MM-dd} 的课还没有上，不能提前登记考勤。");
        }

        var attendance = await db.Set<Attendance>().SingleOrDefaultAsync(a => a.SessionId == sessionId && a.EnrolmentId == enrolmentId, cancellationToken);
        if (mark is null)
        {
            if (attendance is not null)
            {
                db.Remove(attendance);
            }
        }
        else if (attendance is null)
        {
            if (enrolment.Status != EnrolmentStatus.Enrolled)
            {
                return CommandResult.Refused("该学员不是本班在读学员，不能登记考勤。");
            }

            db.Add(new Attendance { SessionId = sessionId, EnrolmentId = enrolmentId, RetireeId = enrolment.RetireeId, Mark = mark.Value });
        }
        else
        {
            attendance.Mark = mark.Value;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Ok();
        }
        catch (DbUpdateException)
        {
            // Two taps (or two tablets) on the same person at once: one mark stands; the page reloads the sheet.
            return CommandResult.Changed("这位学员的考勤刚被他人登记，已为您重新载入。");
        }
    }

    private static CommandResult<EnrolOutcome> AlreadyIn(Enrolment enrolment, string name) =>
        CommandResult.Invalid(nameof(EnrolForm.RetireeId), enrolment.Status == EnrolmentStatus.Enrolled
            ? $"{name}已在本班在读（座号 {enrolment.Seat}），不能重复报名。"
            : $"{name}已在本班候补名单中，不能重复报名。").As<EnrolOutcome>();

    private static async Task<int?> ExistingGuestAsync(IntranetDbContext db, EnrolForm form, CancellationToken cancellationToken)
    {
        // The same outside learner typed in again (another class, a second click) is the same person, not a new one.
        var name = form.GuestName!.Trim();
        var phone = Clean(form.GuestPhone);
        return await db.Set<GuestLearner>().Where(g => g.Name == name && g.Phone == phone).Select(g => (int?)g.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task<string> NameAsync(IntranetDbContext db, Enrolment enrolment, CancellationToken cancellationToken) =>
        enrolment.RetireeId is { } retireeId
            ? await db.Retirees.Where(r => r.Id == retireeId).Select(r => r.Name).SingleAsync(cancellationToken)
            : await db.Set<GuestLearner>().Where(g => g.Id == enrolment.GuestId).Select(g => g.Name).SingleAsync(cancellationToken);
}
