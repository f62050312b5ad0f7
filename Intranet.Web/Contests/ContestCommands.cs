using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Contests;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Register;
using Intranet.Web.Programmes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Intranet.Web.Platform.Forms.FormText;

namespace Intranet.Web.Contests;

/// <summary>
/// Writes of clubs, contests, entries and results. District staff run the catalogue (clubs, contests, results);
/// staff and unit officers put people in (members, entrants), each within their scope. Nothing is half-saved: every
/// check runs before the one save.
/// </summary>
public sealed class ContestCommands(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, AuditLog audit, TimeProvider time)
{
    private const string ClubChanged = "这个社团刚被他人修改，请重新载入后再操作，您填写的内容尚未保存。";
    private const string ContestChanged = "这个比赛刚被他人修改，请重新载入后再操作，您填写的内容尚未保存。";
    private const string EntryChanged = "这件参赛作品的结果刚被他人修改，请重新载入后再操作，您填写的内容尚未保存。";
    private const string MemberChanged = "这位成员的记录刚被他人修改，请重新载入后再操作。";

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>Creates (<paramref name="id"/> null) or changes a club, salon or troupe.</summary>
    public async Task<CommandResult<int>> SaveClubAsync(int? id, ClubForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await NotManagerAsync(nameof(Club), id is null ? "新建社团" : "修改社团", cancellationToken) is { } refused)
        {
            return refused.As<int>();
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid.As<int>();
        }

        if (form.FoundedOn > Today)
        {
            return CommandResult.Invalid(nameof(form.FoundedOn), "成立日期不能晚于今天。").As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = form.Name.Trim();
        if (await db.Set<Club>().AnyAsync(c => c.Name == name && c.Id != id, cancellationToken))
        {
            return DuplicateClub(name);
        }

        Club club;
        if (id is { } existing)
        {
            var found = await db.Set<Club>().SingleOrDefaultAsync(c => c.Id == existing, cancellationToken);
            if (found is null)
            {
                return CommandResult.Missing().As<int>();
            }

            if (found.Version != form.Version)
            {
                return CommandResult.Changed(ClubChanged).As<int>();
            }

            if (found.Kind == ClubKind.Troupe && form.Kind != ClubKind.Troupe
                && await db.Set<ContestEntry>().AnyAsync(e => e.ClubId == existing, cancellationToken))
            {
                return CommandResult.Invalid(nameof(form.Kind), "这个艺术团已有参赛记录，不能改为其他类型。").As<int>();
            }

            club = found;
            db.Entry(club).Property(c => c.Version).OriginalValue = form.Version;
        }
        else
        {
            club = new Club { Name = name };
            db.Add(club);
        }

        club.Name = name;
        club.Kind = form.Kind!.Value;
        club.Leader = Clean(form.Leader);
        club.FoundedOn = form.FoundedOn;
        club.Meets = Clean(form.Meets);
        club.IsDisbanded = form.IsDisbanded;
        var saved = await SaveAsync(db, ClubChanged, cancellationToken);
        return saved.Outcome switch
        {
            CommandOutcome.Done => CommandResult.Ok(club.Id),
            CommandOutcome.Invalid => DuplicateClub(name),
            _ => saved.As<int>(),
        };
    }

    /// <summary>Adds a living retiree in scope to a club; one who left before joins again.</summary>
    public async Task<CommandResult> AddMemberAsync(int clubId, MemberForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await NoEditAsync(nameof(ClubMember), "添加社团成员", cancellationToken) is { } refused)
        {
            return refused;
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var club = await db.Set<Club>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == clubId, cancellationToken);
        if (club is null)
        {
            return CommandResult.Missing();
        }

        if (club.IsDisbanded)
        {
            return CommandResult.Refused($"{club.Name}已解散，不能再添加成员。");
        }

        var retiree = await user.PersonInScopeAsync(db, audit, form.RetireeId!.Value, "试图把范围之外的退休教工添加为社团成员", cancellationToken);
        if (retiree is null)
        {
            return CommandResult.Missing();
        }

        if (retiree.IsDeceased)
        {
            return CommandResult.Invalid(nameof(form.RetireeId), $"{retiree.Name}已故，不能添加为新成员。");
        }

        var joinedOn = form.JoinedOn!.Value;
        if (joinedOn > Today)
        {
            return CommandResult.Invalid(nameof(form.JoinedOn), "加入日期不能晚于今天。");
        }

        if (joinedOn < retiree.BirthDate)
        {
            return CommandResult.Invalid(nameof(form.JoinedOn), "加入日期不能早于这位老师的出生日期。");
        }

        var member = await db.Set<ClubMember>().SingleOrDefaultAsync(m => m.ClubId == clubId && m.RetireeId == retiree.Id, cancellationToken);
        if (member is { LeftOn: null })
        {
            return CommandResult.Refused($"{retiree.Name}已经是{club.Name}的成员。");
        }

        if (member is null)
        {
            db.Add(new ClubMember { ClubId = clubId, RetireeId = retiree.Id, Role = Clean(form.Role), JoinedOn = joinedOn });
        }
        else
        {
            if (joinedOn < member.LeftOn)
            {
                return CommandResult.Invalid(nameof(form.JoinedOn), $"{retiree.Name}曾于{member.LeftOn:yyyy-MM-dd}退出，重新加入的日期不能早于退出日期。");
            }

            (member.JoinedOn, member.LeftOn, member.Role) = (joinedOn, null, Clean(form.Role));
        }

        var result = await SaveAsync(db, MemberChanged, cancellationToken);
        return result.Outcome == CommandOutcome.Invalid ? CommandResult.Refused($"{retiree.Name}已经是{club.Name}的成员。") : result;
    }

    /// <summary>Marks a member as having left on <paramref name="leftOn"/>.</summary>
    public async Task<CommandResult> EndMembershipAsync(int memberId, DateOnly leftOn, long version, CancellationToken cancellationToken = default)
    {
        if (await NoEditAsync(nameof(ClubMember), "登记社团成员退出", cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await user.Scope.Apply(db.Set<ClubMember>()).SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null)
        {
            return CommandResult.Missing();
        }

        if (member.Version != version || member.LeftOn is not null)
        {
            return CommandResult.Changed(member.LeftOn is null ? MemberChanged : "这位成员已经登记退出。");
        }

        if (leftOn < member.JoinedOn || leftOn > Today)
        {
            return CommandResult.Invalid("LeftOn", $"退出日期须在加入日期（{member.JoinedOn:yyyy-MM-dd}）之后，且不晚于今天。");
        }

        member.LeftOn = leftOn;
        db.Entry(member).Property(m => m.Version).OriginalValue = version;
        return await SaveAsync(db, MemberChanged, cancellationToken);
    }

    /// <summary>Creates (<paramref name="id"/> null) or changes a contest.</summary>
    public async Task<CommandResult<int>> SaveContestAsync(int? id, ContestForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await NotManagerAsync(nameof(Contest), id is null ? "新建比赛" : "修改比赛", cancellationToken) is { } refused)
        {
            return refused.As<int>();
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid.As<int>();
        }

        if (form.EndsOn < form.StartsOn)
        {
            return CommandResult.Invalid(nameof(form.EndsOn), "结束日期不能早于开始日期。").As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var title = form.Title.Trim();
        Contest contest;
        if (id is { } existing)
        {
            var found = await db.Set<Contest>().SingleOrDefaultAsync(c => c.Id == existing, cancellationToken);
            if (found is null)
            {
                return CommandResult.Missing().As<int>();
            }

            if (found.Version != form.Version)
            {
                return CommandResult.Changed(ContestChanged).As<int>();
            }

            var firstAward = await db.Set<ContestEntry>().Where(e => e.ContestId == existing).MinAsync(e => e.AwardedOn, cancellationToken);
            if (firstAward is { } earliest && form.StartsOn > earliest)
            {
                return CommandResult.Invalid(nameof(form.StartsOn), $"开始日期不能晚于已登记的获奖日期（{earliest:yyyy-MM-dd}）。").As<int>();
            }

            contest = found;
            db.Entry(contest).Property(c => c.Version).OriginalValue = form.Version;
        }
        else
        {
            var (starts, ends) = (form.StartsOn!.Value, form.EndsOn!.Value);
            if (await db.Set<Contest>().AnyAsync(c => c.Title == title && c.StartsOn == starts && c.EndsOn == ends, cancellationToken))
            {
                return CommandResult.Refused($"“{title}”（{starts:yyyy-MM-dd} 至 {ends:yyyy-MM-dd}）已经登记过了。").As<int>();
            }

            contest = new Contest { Title = title };
            db.Add(contest);
        }

        contest.Title = title;
        contest.Kind = form.Kind!.Value;
        contest.Organiser = Clean(form.Organiser);
        contest.Level = form.Level!.Value;
        contest.StartsOn = form.StartsOn!.Value;
        contest.EndsOn = form.EndsOn!.Value;
        var saved = await SaveAsync(db, ContestChanged, cancellationToken);
        return saved.Succeeded ? CommandResult.Ok(contest.Id) : saved.As<int>();
    }

    /// <summary>
    /// Enters a living retiree in scope, or (district staff only) an art troupe, in a contest. The same entrant with
    /// the same work saved twice (a double click) is one entry.
    /// </summary>
    public async Task<CommandResult<int>> AddEntryAsync(int contestId, EntryForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await NoEditAsync(nameof(ContestEntry), "登记参赛", cancellationToken) is { } refused)
        {
            return refused.As<int>();
        }

        if (CommandResult.Validate(form) is { } invalid)
        {
            return invalid.As<int>();
        }

        if ((form.RetireeId is null) == (form.ClubId is null))
        {
            return CommandResult.Invalid(nameof(form.RetireeId), "参赛者须是一位退休教工或一个艺术团，二者选其一。").As<int>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contest = await db.Set<Contest>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, cancellationToken);
        if (contest is null)
        {
            return CommandResult.Missing().As<int>();
        }

        var title = form.Title.Trim();
        string entrant;
        if (form.RetireeId is { } retireeId)
        {
            var retiree = await user.PersonInScopeAsync(db, audit, retireeId, "试图把范围之外的退休教工登记参赛", cancellationToken);
            if (retiree is null)
            {
                return CommandResult.Missing().As<int>();
            }

            if (retiree.IsDeceased)
            {
                return CommandResult.Invalid(nameof(form.RetireeId), $"{retiree.Name}已故，不能登记为新的参赛者。").As<int>();
            }

            entrant = retiree.Name;
        }
        else
        {
            if (!user.MayManageProgrammes())
            {
                return CommandResult.Refused("艺术团参赛由区退管会工作人员登记。").As<int>();
            }

            var club = await db.Set<Club>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == form.ClubId, cancellationToken);
            if (club is null)
            {
                return CommandResult.Missing().As<int>();
            }

            if (club.Kind != ClubKind.Troupe)
            {
                return CommandResult.Invalid(nameof(form.ClubId), $"{club.Name}是{club.Kind.Label()}，不是艺术团：只有艺术团能以团体名义参赛。").As<int>();
            }

            if (club.IsDisbanded)
            {
                return CommandResult.Invalid(nameof(form.ClubId), $"{club.Name}已解散，不能再参赛。").As<int>();
            }

            entrant = club.Name;
        }

        if (await db.Set<ContestEntry>().AnyAsync(e => e.ContestId == contestId && e.RetireeId == form.RetireeId && e.ClubId == form.ClubId && e.Title == title, cancellationToken))
        {
            return CommandResult.Refused($"{entrant}的“{title}”已经登记过了。").As<int>();
        }

        var entry = new ContestEntry { ContestId = contestId, RetireeId = form.RetireeId, ClubId = form.ClubId, Title = title };
        db.Add(entry);
        var saved = await SaveAsync(db, EntryChanged, cancellationToken);
        return saved.Succeeded ? CommandResult.Ok(entry.Id) : saved.As<int>();
    }

    /// <summary>
    /// Records (or, with no rank, clears) an entry's result. The entry must belong to <paramref name="contestId"/>; the
    /// award's level is the contest's or a higher round's; the date lies between the contest's start and today.
    /// </summary>
    public async Task<CommandResult> RecordResultAsync(int contestId, int entryId, ResultForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await NotManagerAsync(nameof(ContestEntry), "登记比赛结果", cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await user.Scope.Apply(db.Set<ContestEntry>()).Include(e => e.Contest).SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return CommandResult.Missing();
        }

        if (entry.ContestId != contestId)
        {
            await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied)
            {
                EntityType = nameof(ContestEntry), EntityId = entryId.ToString(CultureInfo.InvariantCulture), RetireeId = entry.RetireeId,
                Details = "试图把另一比赛的参赛作品登记为本比赛的结果",
            }, cancellationToken);
            return CommandResult.Refused("这件参赛作品不属于本次比赛，结果未保存。");
        }

        if (entry.Version != form.Version)
        {
            return CommandResult.Changed(EntryChanged);
        }

        if (form.Rank is null)
        {
            (entry.AwardLevel, entry.AwardRank, entry.AwardedOn) = (null, null, null);
        }
        else
        {
            var contest = entry.Contest!;
            var errors = new List<FieldError>();
            if (form.Level is not { } level)
            {
                errors.Add(new(nameof(form.Level), "请选择获奖级别。"));
            }
            else if (level > contest.Level)
            {
                errors.Add(new(nameof(form.Level), $"获奖级别不能低于比赛本身的级别（{contest.Level.Label()}）。"));
            }

            if (form.AwardedOn is not { } awardedOn)
            {
                errors.Add(new(nameof(form.AwardedOn), "请填写获奖日期。"));
            }
            else if (awardedOn > Today)
            {
                errors.Add(new(nameof(form.AwardedOn), "获奖日期不能晚于今天。"));
            }
            else if (awardedOn < contest.StartsOn)
            {
                errors.Add(new(nameof(form.AwardedOn), $"获奖日期不能早于比赛开始日期（{contest.StartsOn:yyyy-MM-dd}）。"));
            }

            if (errors.Count > 0)
            {
                return CommandResult.Invalid(errors);
            }

            (entry.AwardLevel, entry.AwardRank, entry.AwardedOn) = (form.Level, form.Rank, form.AwardedOn);
        }

        db.Entry(entry).Property(e => e.Version).OriginalValue = form.Version;
        return await SaveAsync(db, EntryChanged, cancellationToken);
    }

    /// <summary>Removes an entry registered by mistake; one with a result must have the result cleared first.</summary>
    public async Task<CommandResult> RemoveEntryAsync(int entryId, long version, CancellationToken cancellationToken = default)
    {
        if (await NoEditAsync(nameof(ContestEntry), "删除参赛登记", cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await user.Scope.Apply(db.Set<ContestEntry>()).SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        if (entry is null)
        {
            return CommandResult.Missing();
        }

        if (entry.Version != version)
        {
            return CommandResult.Changed(EntryChanged);
        }

        if (entry.AwardRank is not null)
        {
            return CommandResult.Refused("这件作品已登记获奖结果，不能删除。");
        }

        db.Entry(entry).Property(e => e.Version).OriginalValue = version;
        db.Remove(entry);
        return await SaveAsync(db, EntryChanged, cancellationToken);
    }

    private static CommandResult<int> DuplicateClub(string name) =>
        CommandResult.Invalid(nameof(ClubForm.Name), $"已有名为“{name}”的社团。").As<int>();

    private Task<CommandResult?> NotManagerAsync(string entity, string action, CancellationToken cancellationToken) =>
        user.RefuseUnlessAsync(Permissions.CanManageProgrammes, audit, entity, $"无管理权限的账户试图{action}", ProgrammeAccess.NotManager, cancellationToken);

    private Task<CommandResult?> NoEditAsync(string entity, string action, CancellationToken cancellationToken) =>
        user.RefuseUnlessAsync(
            role => role.CanEditRecords() && role.CanReadProgrammes(), audit, entity, $"无修改权限的账户试图{action}", "您的账户没有修改记录的权限。", cancellationToken);

    /// <summary>Saves; someone else's save first is <see cref="CommandResult.Changed"/>, a unique index hit (a double save) is Invalid for the caller to word.</summary>
    private static async Task<CommandResult> SaveAsync(IntranetDbContext db, string changed, CancellationToken cancellationToken)
    {
        try
        {
            return await db.SaveOrChangedAsync(changed, cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            return CommandResult.Invalid([], "这条记录已经存在，未重复保存。");
        }
    }
}
