using Intranet.Domain.Register;
using Intranet.Domain.Welfare;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Intranet.Domain.Reminders;

/// <summary>
/// Closes reminders in the same save as the record that answers them, wherever it is recorded (the reminder's own
/// button, a person's 慰问 tab, a campaign sheet, an import): a birthday visit closes that birthday's reminder, a
/// condolence visit the condolence, a follow-up its case's, a done health check the check's; a death ends the
/// person's birthday, anniversary and health reminders; a closed case its follow-ups.
/// </summary>
public sealed class ReminderUpkeep(TimeProvider time) : SaveChangesInterceptor
{
    /// <summary>A birthday visit this many days either side of the birthday is that birthday's visit.</summary>
    public const int VisitWindowDays = 31;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        CloseAsync(eventData.Context, async: false, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await CloseAsync(eventData.Context, async: true, cancellationToken);
        return result;
    }

    private async Task CloseAsync(DbContext? db, bool async, CancellationToken cancellationToken)
    {
        if (db is null)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        var visits = db.ChangeTracker.Entries<Visit>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var followUps = db.ChangeTracker.Entries<CaseFollowUp>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var closedCases = db.ChangeTracker.Entries<WelfareCase>()
            .Where(e => e.State == EntityState.Modified && e.Entity.Status == CaseStatus.Closed && e.Property(c => c.Status).OriginalValue != CaseStatus.Closed)
            .Select(e => e.Entity).ToList();
        var checks = db.ChangeTracker.Entries<HealthCheck>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.Status == HealthCheckStatus.Done)
            .Select(e => e.Entity).ToList();
        var died = Retiree.DyingIn(db.ChangeTracker).Select(r => r.Id).ToList();

        var people = visits.Select(v => v.RetireeId).Concat(followUps.Select(f => f.RetireeId)).Concat(closedCases.Select(c => c.RetireeId))
            .Concat(checks.Select(c => c.RetireeId)).Concat(died).Where(id => id > 0).Distinct().ToList();
        if (people.Count == 0)
        {
            return;
        }

        var query = db.Set<Reminder>().Where(r => r.Status == ReminderStatus.Open && r.RetireeId != null && people.Contains(r.RetireeId.Value));
        // Those already closed in this save (the reminder's own button sets its visit) are left as they are.
        var open = (async ? await query.ToListAsync(cancellationToken) : [.. query]).Where(r => r.IsOpen).ToList();
        if (open.Count == 0)
        {
            return;
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        foreach (var visit in visits)
        {
            foreach (var reminder in open.Where(r => r.RetireeId == visit.RetireeId && Answers(visit, r)))
            {
                reminder.Visit = visit;
                reminder.Close(ReminderStatus.Done, today);
            }
        }

        foreach (var followUp in followUps)
        {
            foreach (var reminder in open.Where(r => r.Kind == ReminderKind.CaseFollowUp && r.SubjectId == followUp.CaseId))
            {
                reminder.Close(ReminderStatus.Done, today, "已登记回访");
            }
        }

        foreach (var closed in closedCases)
        {
            foreach (var reminder in open.Where(r => r.Kind == ReminderKind.CaseFollowUp && r.SubjectId == closed.Id))
            {
                reminder.Close(ReminderStatus.Closed, today, "个案已结案");
            }
        }

        foreach (var check in checks)
        {
            foreach (var reminder in open.Where(r => r.RetireeId == check.RetireeId && r.Kind is ReminderKind.HealthCheckDue or ReminderKind.HealthCheckMissed))
            {
                reminder.Close(ReminderStatus.Done, today, "已登记体检");
            }
        }

        foreach (var person in died)
        {
            foreach (var reminder in open.Where(r => r.RetireeId == person && r.Kind.EndsAtDeath()))
            {
                reminder.Close(ReminderStatus.Closed, today, "本人已去世");
            }
        }
    }

    private static bool Answers(Visit visit, Reminder reminder) => reminder.Kind switch
    {
        ReminderKind.Birthday => visit.Occasion == VisitOccasion.Birthday
            && Math.Abs(visit.VisitedOn.DayNumber - reminder.OccasionOn.DayNumber) <= VisitWindowDays,
        ReminderKind.Condolence => visit.Occasion == VisitOccasion.Condolence,
        _ => false,
    };
}
