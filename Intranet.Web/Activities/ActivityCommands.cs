using System.Globalization;
using Intranet.Domain.Activities;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Programmes;
using Intranet.Web.Register;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Intranet.Web.Platform.Forms.FormText;

namespace Intranet.Web.Activities;

/// <summary>
/// Activities' writes. District staff change any activity; a unit officer only those their unit organises, and
/// invites and marks only their unit's people; everyone else is refused. Every refusal is a Chinese sentence and
/// nothing is half-saved: a list of invitations goes in whole or not at all.
/// </summary>
public sealed class ActivityCommands(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, AuditLog audit, TimeProvider time)
{
    public const string ActivityChanged = "这项活动刚被他人修改，请重新载入后再操作，您填写的内容尚未保存。";
    public const string ParticipantChanged = "这位老师的参加情况刚被他人修改，请刷新名单后再操作。";
    private const string NoRight = "您的账户不能新建或修改活动。";
    private const string OtherOrganiser = "单位退管干部只能新建和修改本单位主办的活动。";

    private static readonly DateOnly EarliestDate = new(1980, 1, 1);

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<CommandResult<int>> CreateAsync(ActivityForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ActivityAccess.MayCreate(user))
        {
            await DeniedAsync(null, "新建活动", cancellationToken);
            return CommandResult.Refused(NoRight).As<int>();
        }

        if (await CheckAsync(form, cancellationToken) is { } invalid)
        {
            return invalid.As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var title = form.Title.Trim();
        if (await db.Set<Activity>().AnyAsync(a => a.Kind == form.Kind && a.Title == title && a.Date == form.Date && a.OrganiserUnitId == form.OrganiserUnitId, cancellationToken))
        {
            // A double-clicked save, or the same activity entered twice.
            return CommandResult.Refused($"{form.Date:yyyy-MM-dd} 的“{title}”已经登记过了，请勿重复保存。").As<int>();
        }

        var activity = new Activity { Title = title };
        Apply(form, activity);
        db.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        return CommandResult.Ok(activity.Id);
    }

    public async Task<CommandResult> UpdateAsync(int id, ActivityForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var activity = await db.Set<Activity>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return CommandResult.Missing();
        }

        if (!ActivityAccess.MayEdit(user, activity))
        {
            await DeniedAsync(id, "修改活动", cancellationToken);
            return CommandResult.Refused(ActivityAccess.MayCreate(user) ? OtherOrganiser : NoRight);
        }

        if (activity.Version != form.Version)
        {
            return CommandResult.Changed(ActivityChanged);
        }

        if (await CheckAsync(form, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        if (form.Date > Today && await db.Set<ActivityParticipant>().AnyAsync(p => p.ActivityId == id && p.Status == ParticipationStatus.Attended, cancellationToken))
        {
            return CommandResult.Invalid(nameof(form.Date), "已有老师登记为已参加，活动日期不能改到今天以后。");
        }

        if (activity.Kind == ActivityKind.GoldenWedding && form.Kind != ActivityKind.GoldenWedding
            && await db.Set<ActivityParticipant>().AnyAsync(p => p.ActivityId == id, cancellationToken))
        {
            return CommandResult.Invalid(nameof(form.Kind), "金婚庆典已有邀请的夫妇，不能改为其他类型的活动。");
        }

        Apply(form, activity);
        db.Entry(activity).Property(a => a.Version).OriginalValue = form.Version;
        return await db.SaveOrChangedAsync(ActivityChanged, cancellationToken);
    }

    /// <summary>
    /// Invites people to an activity. A golden-wedding celebration invites couples: each must be eligible on the
    /// day (see <see cref="GoldenWedding"/>), or nothing is saved and the reasons are given.
    /// </summary>
    public async Task<CommandResult<int>> InviteAsync(int activityId, IReadOnlyCollection<int> retireeIds, bool excludeCelebrated = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retireeIds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (activity, refused) = await EditableAsync(db, activityId, "邀请", cancellationToken);
        if (activity is null)
        {
            return refused!.As<int>();
        }

        var ids = retireeIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return CommandResult.Refused("请先选择要邀请的老师。").As<int>();
        }

        if (ids.Count > 2000)
        {
            return CommandResult.Refused("一次最多邀请 2000 人，请分批邀请。").As<int>();
        }

        var people = await user.Scope.Apply(db.Retirees.AsNoTracking()).Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        if (people.Count < ids.Count)
        {
            foreach (var outside in ids.Except(people.Select(p => p.Id)))
            {
                await DeniedRetireeAsync(db, outside, cancellationToken);
            }

            return CommandResult.Missing().As<int>();
        }

        var problems = new List<string>();
        if (activity.Kind == ActivityKind.GoldenWedding)
        {
            var eligible = await GoldenWedding.Eligible(db, db.Retirees.AsNoTracking().Where(r => ids.Contains(r.Id)), activityId, activity.Date, excludeCelebrated, once: false)
                .Select(r => r.Id).ToListAsync(cancellationToken);
            foreach (var person in people.Where(p => !eligible.Contains(p.Id)))
            {
                problems.Add(await GoldenWedding.WhyNotAsync(db, person, activity, excludeCelebrated, cancellationToken) ?? $"{person.Name}不符合金婚庆典的条件。");
            }

            // Both spouses of one couple picked at once: one invitation.
            var couples = people.Where(p => people.Any(s => s.Id < p.Id && s.Name == p.SpouseName && s.SpouseName == p.Name && s.MarriageDate == p.MarriageDate)).ToList();
            people = [.. people.Except(couples)];
        }
        else
        {
            problems.AddRange(people.Where(p => p.IsDeceased).Select(p => $"{p.Name}已故，不能邀请。"));
            var already = await db.Set<ActivityParticipant>().Where(p => p.ActivityId == activityId && ids.Contains(p.RetireeId))
                .Select(p => p.Retiree!.Name).ToListAsync(cancellationToken);
            problems.AddRange(already.Select(name => $"{name}已在邀请名单中。"));
        }

        if (problems.Count > 0)
        {
            return CommandResult.Refused((problems.Count == 1 ? "不能邀请：" : "以下老师不能邀请，本次邀请均未保存：") + string.Join(" ", problems)).As<int>();
        }

        db.AddRange(people.Select(p => new ActivityParticipant
        {
            ActivityId = activityId, RetireeId = p.Id, Status = ParticipationStatus.Invited,
            SpouseName = activity.Kind == ActivityKind.GoldenWedding ? p.SpouseName : null,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // Someone (or a double click) invited the same person a moment ago: the unique index kept them once.
            return CommandResult.Refused("所选老师刚刚已被邀请过（可能是重复点击），请刷新名单查看。").As<int>();
        }

        return CommandResult.Ok(people.Count);
    }

    /// <summary>Invites every couple eligible now (in the signed-in person's scope, at most <see cref="ActivityQueries.EligibleLimit"/> at once).</summary>
    public async Task<CommandResult<int>> InviteAllEligibleAsync(int activityId, bool excludeCelebrated = true, CancellationToken cancellationToken = default)
    {
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var activity = await db.Set<Activity>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
            if (activity is null)
            {
                return CommandResult.Missing().As<int>();
            }

            if (activity.Kind != ActivityKind.GoldenWedding)
            {
                return CommandResult.Refused("只有金婚庆典按名册计算邀请名单。").As<int>();
            }

            ids = await GoldenWedding.Eligible(db, user.Scope.Apply(db.Retirees.AsNoTracking()), activityId, activity.Date, excludeCelebrated)
                .OrderBy(r => r.MarriageDate).ThenBy(r => r.Id).Select(r => r.Id).Take(ActivityQueries.EligibleLimit).ToListAsync(cancellationToken);
        }

        if (ids.Count == 0)
        {
            return CommandResult.Refused("目前没有可邀请的金婚夫妇。").As<int>();
        }

        return await InviteAsync(activityId, ids, excludeCelebrated, cancellationToken);
    }

    /// <summary>One tap: invited → confirmed, attended or declined. Attendance only once the day has come.</summary>
    public async Task<CommandResult> SetStatusAsync(int participantId, long version, ParticipationStatus status, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(status))
        {
            return CommandResult.Refused("参加情况无法识别。");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var participant = await ParticipantAsync(db, participantId, cancellationToken);
        if (participant is null)
        {
            return CommandResult.Missing();
        }

        var (activity, refused) = await EditableAsync(db, participant.ActivityId, "登记参加情况", cancellationToken);
        if (activity is null)
        {
            return refused!;
        }

        if (participant.Version != version)
        {
            return CommandResult.Changed(ParticipantChanged);
        }

        if (status == ParticipationStatus.Attended)
        {
            if (activity.Date > Today)
            {
                return CommandResult.Refused($"活动日期（{activity.Date:yyyy-MM-dd}）还没到，不能登记为已参加。");
            }

            if (participant.Retiree!.IsDeceased && participant.Retiree.DeathDate is { } died && died < activity.Date)
            {
                return CommandResult.Refused($"{participant.Retiree.Name}已于{died:yyyy-MM-dd}去世，不能登记为已参加。");
            }
        }

        participant.Status = status;
        db.Entry(participant).Property(p => p.Version).OriginalValue = version;
        return await db.SaveOrChangedAsync(ParticipantChanged, cancellationToken);
    }

    /// <summary>Takes someone off the list (invited by mistake); not once they attended.</summary>
    public async Task<CommandResult> RemoveAsync(int participantId, long version, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var participant = await ParticipantAsync(db, participantId, cancellationToken);
        if (participant is null)
        {
            return CommandResult.Missing();
        }

        var (activity, refused) = await EditableAsync(db, participant.ActivityId, "移出邀请名单", cancellationToken);
        if (activity is null)
        {
            return refused!;
        }

        if (participant.Version != version)
        {
            return CommandResult.Changed(ParticipantChanged);
        }

        if (participant.Status == ParticipationStatus.Attended)
        {
            return CommandResult.Refused($"{participant.Retiree!.Name}已登记参加，不能移出名单；如登记有误，请先改为“不参加”。");
        }

        db.Remove(participant);
        db.Entry(participant).Property(p => p.Version).OriginalValue = version;
        return await db.SaveOrChangedAsync(ParticipantChanged, cancellationToken);
    }

    private async Task<CommandResult?> CheckAsync(ActivityForm form, CancellationToken cancellationToken)
    {
        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid;
        }

        var date = form.Date!.Value;
        if (date < EarliestDate || date > Today.AddYears(2))
        {
            return CommandResult.Invalid(nameof(form.Date), $"活动日期应在 {EarliestDate:yyyy-MM-dd} 到 {Today.AddYears(2):yyyy-MM-dd} 之间，请核对年份。");
        }

        if (string.IsNullOrWhiteSpace(form.Title))
        {
            return CommandResult.Invalid(nameof(form.Title), "请填写活动名称。");
        }

        if (!user.MayManageProgrammes() && form.OrganiserUnitId != user.Scope.UnitId)
        {
            return CommandResult.Invalid(nameof(form.OrganiserUnitId), OtherOrganiser);
        }

        if (form.OrganiserUnitId is { } unitId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
            {
                return CommandResult.Invalid(nameof(form.OrganiserUnitId), "所选主办单位不存在。");
            }
        }

        return null;
    }

    private static void Apply(ActivityForm form, Activity activity)
    {
        activity.Kind = form.Kind!.Value;
        activity.Title = form.Title.Trim();
        activity.Date = form.Date!.Value;
        activity.Place = Clean(form.Place);
        activity.OrganiserUnitId = form.OrganiserUnitId;
        activity.GuestCount = form.GuestCount;
        activity.Note = Clean(form.Note);
    }

    /// <summary>The activity, when the signed-in person may change it; otherwise why not (and the attempt logged).</summary>
    private async Task<(Activity? Activity, CommandResult? Refused)> EditableAsync(IntranetDbContext db, int activityId, string action, CancellationToken cancellationToken)
    {
        var activity = await db.Set<Activity>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == activityId, cancellationToken);
        if (activity is null)
        {
            return (null, CommandResult.Missing());
        }

        if (!ActivityAccess.MayEdit(user, activity))
        {
            await DeniedAsync(activityId, action, cancellationToken);
            return (null, CommandResult.Refused(ActivityAccess.MayCreate(user) ? OtherOrganiser : NoRight));
        }

        return (activity, null);
    }

    private async Task<ActivityParticipant?> ParticipantAsync(IntranetDbContext db, int participantId, CancellationToken cancellationToken)
    {
        var participant = await user.Scope.Apply(db.Set<ActivityParticipant>()).Include(p => p.Retiree)
            .SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken);
        if (participant is null && await db.Set<ActivityParticipant>().Where(p => p.Id == participantId).Select(p => (int?)p.RetireeId).SingleOrDefaultAsync(cancellationToken) is { } retireeId)
        {
            await DeniedRetireeAsync(db, retireeId, cancellationToken);
        }

        return participant;
    }

    private async Task DeniedAsync(int? activityId, string action, CancellationToken cancellationToken) =>
        await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied)
        {
            EntityType = nameof(Activity), EntityId = activityId?.ToString(CultureInfo.InvariantCulture), Details = $"无权限的账户试图{action}",
        }, cancellationToken);

    private Task DeniedRetireeAsync(IntranetDbContext db, int retireeId, CancellationToken cancellationToken) =>
        PeopleInScope.LogOutOfScopeAsync(db, audit, retireeId, "试图为范围之外的退休教工登记活动", cancellationToken);
}
