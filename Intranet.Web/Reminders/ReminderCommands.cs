using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Reminders;
using Intranet.Domain.Welfare;
using Intranet.Jobs.Reminders;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Register;
using Intranet.Web.Welfare;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Intranet.Web.Reminders;

/// <summary>
/// What people do with a reminder: done, not needed, snoozed, reopened; or answered by recording the visit, or — for a
/// festival — by creating the visit campaign, each in the same save as the reminder. Role and scope are checked on
/// the server; two people acting on one reminder at once: the first wins, the second is told.
/// </summary>
public sealed class ReminderCommands(
    IDbContextFactory<IntranetDbContext> dbFactory,
    CurrentUser user,
    AuditLog audit,
    WelfareCommands visits,
    CampaignService campaigns,
    IOptions<ReminderOptions> options,
    TimeProvider time)
{
    private const string Changed = "这条提醒刚被他人处理过，已为您刷新。";
    private const string NotOpen = "这条提醒已经办结，无需再处理。";

    // A campaign is made in a save of its own, before the reminder's: one at a time, so a double click makes one campaign.
    private static readonly SemaphoreSlim CampaignGate = new(1, 1);

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public Task<CommandResult> DoneAsync(int id, long version, CancellationToken cancellationToken = default) =>
        CloseAsync(id, version, ReminderStatus.Done, "标记提醒已办", cancellationToken);

    public Task<CommandResult> DismissAsync(int id, long version, CancellationToken cancellationToken = default) =>
        CloseAsync(id, version, ReminderStatus.Dismissed, "标记提醒不需办理", cancellationToken);

    /// <summary>Out of the inbox and its count until <paramref name="until"/>, then back.</summary>
    public async Task<CommandResult> SnoozeAsync(int id, long version, DateOnly? until, CancellationToken cancellationToken = default)
    {
        if (await RefusedAsync("暂缓提醒", cancellationToken) is { } refused)
        {
            return refused;
        }

        var today = Today;
        if (until is not { } day)
        {
            return CommandResult.Invalid("Until", "请选择暂缓到哪一天。");
        }

        if (day <= today || day > today.AddDays(180))
        {
            return CommandResult.Invalid("Until", $"暂缓日期请选 {today.AddDays(1):yyyy-MM-dd} 到 {today.AddDays(180):yyyy-MM-dd} 之间的日子。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (result, reminder) = await OpenReminderAsync(db, id, version, cancellationToken);
        if (reminder is null)
        {
            return result;
        }

        reminder.SnoozedUntil = day;
        return await db.SaveOrChangedAsync(Changed, cancellationToken);
    }

    /// <summary>Back into the inbox: a reminder dismissed or marked done by mistake (not one a visit or the app closed).</summary>
    public async Task<CommandResult> ReopenAsync(int id, long version, CancellationToken cancellationToken = default)
    {
        if (await RefusedAsync("恢复提醒", cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (result, reminder) = await ReminderAsync(db, id, version, mustBeOpen: false, cancellationToken);
        if (reminder is null)
        {
            return result;
        }

        if (reminder.Status == ReminderStatus.Open || reminder.Status == ReminderStatus.Closed || reminder.VisitId is not null || reminder.CampaignId is not null)
        {
            return CommandResult.Refused("只有手动标记为已办或不需办理的提醒可以恢复。");
        }

        reminder.Status = ReminderStatus.Open;
        reminder.ClosedOn = null;
        reminder.ClosedNote = null;
        return await db.SaveOrChangedAsync(Changed, cancellationToken);
    }

    /// <summary>
    /// Records the visit that answers the reminder (a birthday, an anniversary, the family's condolence) and closes it
    /// with a link to the visit, in one save; the visit is checked as any visit is (<see cref="WelfareCommands"/>).
    /// </summary>
    public async Task<CommandResult> RecordVisitAsync(int id, long version, VisitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync("登记慰问并办结提醒", cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (result, reminder) = await OpenReminderAsync(db, id, version, cancellationToken);
        if (reminder is null)
        {
            return result;
        }

        if (reminder.RetireeId is not { } person)
        {
            return CommandResult.Refused("这条提醒不对应某位老师，不能登记慰问。");
        }

        form.RetireeId = person;
        form.Occasion ??= reminder.Kind.VisitOccasion();
        var (prepared, visit) = await visits.PrepareVisitAsync(db, form, cancellationToken);
        if (visit is null)
        {
            return prepared;
        }

        reminder.Visit = visit;
        reminder.Close(ReminderStatus.Done, Today);
        return await db.SaveOrChangedAsync(Changed, cancellationToken);
    }

    /// <summary>
    /// The festival's visit campaign with the cohort the office set, created from its reminder in one click; the
    /// reminder then links to it. Only district staff create campaigns (<see cref="CampaignService.MayCreate"/>).
    /// </summary>
    public async Task<CommandResult<int>> CreateCampaignAsync(int id, long version, CancellationToken cancellationToken = default)
    {
        if (await RefusedAsync("从提醒生成慰问活动", cancellationToken) is { } refused)
        {
            return refused.As<int>();
        }

        await CampaignGate.WaitAsync(cancellationToken);
        try
        {
            return await CreateCampaignInGateAsync(id, version, cancellationToken);
        }
        finally
        {
            CampaignGate.Release();
        }
    }

    private async Task<CommandResult<int>> CreateCampaignInGateAsync(int id, long version, CancellationToken cancellationToken)
    {
        Reminder? reminder;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            (var result, reminder) = await OpenReminderAsync(db, id, version, cancellationToken);
            if (reminder is null)
            {
                return result.As<int>();
            }
        }

        if (reminder.Kind != ReminderKind.HolidayVisit)
        {
            return CommandResult.Refused("只有节日慰问提醒可以生成慰问活动。").As<int>();
        }

        var occasion = (VisitOccasion)reminder.SubjectId;
        var rules = options.Value.Holidays;
        var today = Today;
        var form = new CampaignForm
        {
            Name = $"{reminder.OccasionOn.Year}年{occasion.Label()}",
            Occasion = occasion,
            StartsOn = today < reminder.OccasionOn ? today : reminder.OccasionOn,
            EndsOn = reminder.OccasionOn,
            MinAge = rules.MinAge,
            Care = rules.Care == CareCategories.None ? null : new CareFilter(rules.Care, false),
        };
        var created = await campaigns.CreateAsync(form, cancellationToken);
        if (!created.Succeeded)
        {
            return created;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var saved = await db.Set<Reminder>().SingleAsync(r => r.Id == id, cancellationToken);
            saved.CampaignId = created.Value;
            saved.Close(ReminderStatus.Done, today);
            await db.SaveChangesAsync(cancellationToken);
        }

        return created;
    }

    private async Task<CommandResult> CloseAsync(int id, long version, ReminderStatus status, string attempt, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(attempt, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (result, reminder) = await OpenReminderAsync(db, id, version, cancellationToken);
        if (reminder is null)
        {
            return result;
        }

        reminder.Close(status, Today);
        return await db.SaveOrChangedAsync(Changed, cancellationToken);
    }

    private Task<(CommandResult Result, Reminder? Reminder)> OpenReminderAsync(IntranetDbContext db, int id, long version, CancellationToken cancellationToken) =>
        ReminderAsync(db, id, version, mustBeOpen: true, cancellationToken);

    /// <summary>The reminder if it is in scope, open (when it must be), and still at <paramref name="version"/>; else why not.</summary>
    private async Task<(CommandResult Result, Reminder? Reminder)> ReminderAsync(IntranetDbContext db, int id, long version, bool mustBeOpen, CancellationToken cancellationToken)
    {
        var reminder = await InScope(db).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (reminder is null)
        {
            await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied) { EntityType = nameof(Reminder), EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Details = "试图处理范围之外或不存在的提醒" }, cancellationToken);
            return (CommandResult.Missing(), null);
        }

        if (mustBeOpen && !reminder.IsOpen)
        {
            return (CommandResult.Changed(NotOpen), null);
        }

        if (reminder.Version != version)
        {
            return (CommandResult.Changed(Changed), null);
        }

        db.Entry(reminder).Property(r => r.Version).OriginalValue = version;
        return (CommandResult.Ok(), reminder);
    }

    private IQueryable<Reminder> InScope(IntranetDbContext db) => ReminderInbox.Visible(db.Set<Reminder>(), user.Role, user.Scope);

    private Task<CommandResult?> RefusedAsync(string attempt, CancellationToken cancellationToken) =>
        user.RefuseUnlessAsync(Permissions.CanActOnReminders, audit, nameof(Reminder), attempt, "您的账户只能查看提醒，不能处理。", cancellationToken);
}
