using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Jobs;
using Intranet.Domain.Reminders;
using Intranet.Jobs.Reminders;
using Intranet.Web.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Reminders;

/// <summary>The reminders on the dashboard: what waits, what is overdue, what was done this year, and the last scan.</summary>
public sealed record ReminderFigures(
    int Waiting, int Overdue, int DueThisWeek, int DoneThisYear, IReadOnlyList<Tally> WaitingByKind, DateTime? LastScanAt /* office time */, string? LastScanResult);

public sealed class RemindersPanel(TimeProvider time) : DashboardPanel
{
    public override string Key => "reminders";

    public override string Title => "待办提醒";

    public override int Order => 60;

    public override IReadOnlySet<string> Entities { get; } = new HashSet<string> { nameof(Reminder) };

    public override Type Component => typeof(RemindersPanelView);

    public override async Task<object> ComputeAsync(IntranetDbContext db, DashboardScope scope, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var reminders = scope.Access.Apply(db.Set<Reminder>().AsNoTracking());
        var waiting = ReminderInbox.Waiting(reminders, today);
        var byKind = await waiting.GroupBy(r => r.Kind)
            .Select(g => new { g.Key, Count = g.Count(), Overdue = g.Count(r => r.DueOn < today), Week = g.Count(r => r.DueOn >= today && r.DueOn <= today.AddDays(7)) })
            .ToListAsync(cancellationToken);
        var (from, to) = (new DateOnly(scope.Year, 1, 1), new DateOnly(scope.Year + 1, 1, 1));
        var done = await reminders.CountAsync(r => r.Status == ReminderStatus.Done && r.ClosedOn >= from && r.ClosedOn < to, cancellationToken);
        var scan = await db.Set<JobRun>().AsNoTracking().Where(r => r.JobName == nameof(ReminderScan) && r.FinishedAt != null)
            .OrderByDescending(r => r.StartedAt).Select(r => new { r.StartedAt, r.Succeeded, r.Summary }).FirstOrDefaultAsync(cancellationToken);
        return new ReminderFigures(
            byKind.Sum(k => k.Count), byKind.Sum(k => k.Overdue), byKind.Sum(k => k.Week), done,
            [.. byKind.OrderBy(k => k.Key).Select(k => new Tally(EnumLabel.Of(k.Key), k.Count, $"/reminders?kind={k.Key}"))],
            scan is null ? null : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(scan.StartedAt, DateTimeKind.Utc), time.LocalTimeZone),
            scan is null ? null : scan.Succeeded ? scan.Summary : "运行失败");
    }
}
