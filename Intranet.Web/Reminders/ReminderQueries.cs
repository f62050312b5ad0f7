using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Domain.Reminders;
using Intranet.Web.Accounts;
using Intranet.Web.Platform.Lists;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Reminders;

/// <summary>Which part of the inbox: what waits now, what is snoozed, what has been dealt with.</summary>
public enum InboxView
{
    Waiting,
    Snoozed,
    Closed,
}

/// <summary>One reminder as the inbox shows it: the person's name and unit, never a number.</summary>
public sealed record ReminderItem(
    int Id,
    ReminderKind Kind,
    int SubjectId,
    DateOnly OccasionOn,
    DateOnly DueOn,
    int? RetireeId,
    string? Name,
    string? UnitName,
    string Detail,
    ReminderStatus Status,
    DateOnly? SnoozedUntil,
    DateOnly? ClosedOn,
    string? ClosedNote,
    string? ClosedBy,
    int? VisitId,
    DateOnly? VisitedOn,
    int? CampaignId,
    long Version)
{
    public bool IsOverdue(DateOnly today) => Status == ReminderStatus.Open && DueOn < today;

    /// <summary>A visit answers it: the inbox offers to record one.</summary>
    public bool WantsVisit => Kind is ReminderKind.Birthday or ReminderKind.WeddingAnniversary or ReminderKind.Condolence && RetireeId is not null;
}

/// <summary>The inbox's reads, in the signed-in person's scope (<see cref="ReminderInbox"/>).</summary>
public sealed class ReminderQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public bool MayRead => user.Can(Permissions.CanReadReminders);

    public bool MayAct => user.Can(Permissions.CanActOnReminders);

    /// <summary>What waits now: the header's and the dashboard's count.</summary>
    public async Task<int> WaitingCountAsync(CancellationToken cancellationToken = default)
    {
        if (!MayRead)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ReminderInbox.Waiting(Visible(db), Today).CountAsync(cancellationToken);
    }

    /// <summary>The waiting count by kind, for the inbox's filter.</summary>
    public async Task<IReadOnlyDictionary<ReminderKind, int>> WaitingByKindAsync(CancellationToken cancellationToken = default)
    {
        if (!MayRead)
        {
            return new Dictionary<ReminderKind, int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await ReminderInbox.Waiting(Visible(db), Today).GroupBy(r => r.Kind)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Key, c => c.Count);
    }

    public async Task<PagedResult<ReminderItem>> ListAsync(InboxView view, ReminderKind? kind, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!MayRead)
        {
            return new PagedResult<ReminderItem>([], 0);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = Today;
        var visible = Visible(db);
        var query = view switch
        {
            InboxView.Waiting => ReminderInbox.Waiting(visible, today),
            InboxView.Snoozed => visible.Where(r => r.Status == ReminderStatus.Open && r.SnoozedUntil > today),
            _ => visible.Where(r => r.Status != ReminderStatus.Open),
        };
        if (kind is { } k)
        {
            query = query.Where(r => r.Kind == k);
        }

        var ordered = view == InboxView.Closed
            ? query.OrderByDescending(r => r.ClosedOn).ThenByDescending(r => r.Id)
            : query.OrderBy(r => r.DueOn).ThenBy(r => r.Id);
        return await ordered.Select(r => new ReminderItem(
                r.Id, r.Kind, r.SubjectId, r.OccasionOn, r.DueOn, r.RetireeId,
                r.Retiree == null ? null : r.Retiree.Name, r.Retiree == null ? null : r.Retiree.Unit!.Name,
                r.Detail, r.Status, r.SnoozedUntil, r.ClosedOn, r.ClosedNote, r.Status == ReminderStatus.Closed ? null : r.UpdatedBy,
                r.VisitId, r.Visit == null ? null : r.Visit.VisitedOn, r.CampaignId, r.Version))
            .ToPageAsync(page, cancellationToken);
    }

    private IQueryable<Reminder> Visible(IntranetDbContext db) => ReminderInbox.Visible(db.Set<Reminder>().AsNoTracking(), user.Role, user.Scope);
}
