using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Audit;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register.Rosters;

/// <summary>A column a printed roster may carry.</summary>
public enum RosterColumn
{
    [Display(Name = "性别")]
    Gender = 1,
    [Display(Name = "出生日期")]
    BirthDate = 2,
    [Display(Name = "年龄")]
    Age = 3,
    [Display(Name = "单位")]
    Unit = 4,
    [Display(Name = "小组")]
    Group = 5,
    [Display(Name = "身份证号")]
    IdNumber = 6,
    [Display(Name = "电话")]
    Phone = 7,
    [Display(Name = "住址")]
    Address = 8,
    [Display(Name = "社区")]
    Community = 9,
    [Display(Name = "退休支部")]
    PartyBranch = 10,
    [Display(Name = "关爱类别")]
    Care = 11,
    [Display(Name = "签名")]
    Signature = 12,
}

/// <summary>Where a printed roster starts a new page.</summary>
public enum RosterBreak
{
    [Display(Name = "按单位分页")]
    Unit = 1,
    [Display(Name = "按小组分页")]
    Group = 2,
}

/// <summary>One person on a printed roster, with numbers already masked for the reader (or left out).</summary>
public sealed record RosterRow(
    int Id, string Name, Gender Gender, DateOnly BirthDate, int Age, string UnitName, string? GroupName, string? PartyBranchName,
    string? MaskedIdNumber, string? MaskedPhone, string? Address, string? Community, CareCategories CareCategories, bool IsDeceased);

/// <summary>One part of a roster that starts on a new page (a unit, a group), optionally cut into cohorts inside.</summary>
public sealed record RosterSection(string Title, IReadOnlyList<RosterPart> Parts)
{
    public int Count => Parts.Sum(p => p.Rows.Count);
}

/// <summary>A run of rows under one heading (an age cohort), or under none.</summary>
public sealed record RosterPart(string? Heading, IReadOnlyList<RosterRow> Rows);

/// <param name="Truncated">More people match than a roster prints (<see cref="RosterQueries.MaxRows"/>).</param>
public sealed record Roster(IReadOnlyList<RosterSection> Sections, int Total, bool Truncated);

/// <summary>An age cohort of the Double Ninth roster: from <see cref="From"/> to <see cref="To"/> years old (open-ended when null).</summary>
public sealed record AgeCohort(int From, int? To)
{
    /// <summary>70–74, 75–79, 80–84, 85–89, 90 and over: the cohorts the Double Ninth gifts and visits follow.</summary>
    public static IReadOnlyList<AgeCohort> DoubleNinth { get; } = [new(90, null), new(85, 89), new(80, 84), new(75, 79), new(70, 74)];

    public string Label => To is null ? $"{From}岁及以上" : $"{From}–{To}岁";

    public bool Holds(int age) => age >= From && (To is null || age <= To);
}

/// <summary>
/// The printed rosters: people by unit or group, in the register's order, each read through the reader's scope and with
/// ID and phone numbers masked (or left out) as <see cref="PersonalDataRules"/> says; a full number is never read.
/// </summary>
public sealed class RosterQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, TimeProvider time, AuditLog audit)
{
    /// <summary>A printed roster is paper: a district's whole register is an export, not a print.</summary>
    public const int MaxRows = 5000;

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>The Double Ninth (重阳, the 9th day of the 9th lunar month) of the year <paramref name="year"/>.</summary>
    public static DateOnly DoubleNinthOf(int year)
    {
        var lunar = new ChineseLunisolarCalendar();
        var leap = lunar.GetLeapMonth(year);

        // In a year with a leap month at or before the ninth, the ninth month is the calendar's tenth.
        var month = leap is > 0 and <= 9 ? 10 : 9;
        return DateOnly.FromDateTime(lunar.ToDateTime(year, month, 9, 0, 0, 0, 0));
    }

    /// <summary>The people of a register filter, unit by unit (or group by group).</summary>
    public async Task<Roster> ListAsync(RetireeFilter filter, IReadOnlyCollection<RosterColumn> columns, RosterBreak breakBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(columns);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await ReadAsync(RegisterQueries.Filter(Scoped(db), filter, Today, user.PersonalData), columns, Today, cancellationToken);
        return Split(rows, breakBy, cohorts: null);
    }

    /// <summary>The living people aged 70 and over on this year's Double Ninth, unit by unit (or group by group), oldest cohort first.</summary>
    public async Task<Roster> DoubleNinthAsync(int? unitId, int? groupId, RosterBreak breakBy, CancellationToken cancellationToken = default)
    {
        var day = DoubleNinthOf(Today.Year);
        var bornBy = day.AddYears(-AgeCohort.DoubleNinth.Min(c => c.From));
        var filter = new RetireeFilter { UnitId = unitId, GroupId = groupId, Status = LifeStatus.Alive };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = RegisterQueries.Filter(Scoped(db), filter, Today, user.PersonalData).Where(r => r.BirthDate <= bornBy);
        var rows = await ReadAsync(query, [RosterColumn.Phone], day, cancellationToken);
        return Split(rows, breakBy, AgeCohort.DoubleNinth);
    }

    /// <summary>A group's living members with their phones (masked), for its leader; a group outside the scope has none.</summary>
    public async Task<(string? GroupName, Roster Roster)> GroupContactsAsync(int groupId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var group = await user.Scope.Apply(db.RetireeGroups.AsNoTracking()).Where(g => g.Id == groupId)
            .Select(g => new { g.Name, UnitName = g.Unit!.Name, LeaderName = g.Leader == null ? null : g.Leader.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return (null, new Roster([], 0, false));
        }

        var filter = new RetireeFilter { GroupId = groupId, Status = LifeStatus.Alive };
        var rows = await ReadAsync(RegisterQueries.Filter(Scoped(db), filter, Today, user.PersonalData), [RosterColumn.Phone, RosterColumn.Address], Today, cancellationToken);
        return ($"{group.UnitName} · {group.Name}{(group.LeaderName is null ? string.Empty : $"（组长：{group.LeaderName}）")}", Split(rows, RosterBreak.Group, cohorts: null));
    }

    /// <summary>A group asked for outside the reader's scope (an id changed in the address), as an audit line; nothing for a group since deleted.</summary>
    public async Task LogGroupDeniedAsync(int groupId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.RetireeGroups.AnyAsync(g => g.Id == groupId, cancellationToken))
        {
            await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied)
            {
                EntityType = nameof(RetireeGroup), EntityId = groupId.ToString(CultureInfo.InvariantCulture), Details = "试图打印范围之外的退休小组通讯录",
            }, cancellationToken);
        }
    }

    /// <summary>The columns a reader may print: numbers only for roles that see them.</summary>
    public IReadOnlyList<RosterColumn> AllowedColumns() =>
        Enum.GetValues<RosterColumn>().Where(c => c switch
        {
            RosterColumn.IdNumber => user.PersonalData.SeesIdNumber,
            RosterColumn.Phone => user.PersonalData.SeesPhone,
            _ => true,
        }).ToList();

    private IQueryable<Retiree> Scoped(IntranetDbContext db) => user.Scope.Apply(db.Retirees.AsNoTracking());

    private async Task<(List<RosterRow> Rows, bool Truncated)> ReadAsync(
        IQueryable<Retiree> query, IReadOnlyCollection<RosterColumn> columns, DateOnly ageOn, CancellationToken cancellationToken)
    {
        {
            var rules = user.PersonalData;

            // A number the reader may not see, or did not ask for, is not even read.
            var idNumbers = rules.SeesIdNumber && columns.Contains(RosterColumn.IdNumber);
            var phones = rules.SeesPhone && columns.Contains(RosterColumn.Phone);
            var read = await RegisterQueries.DefaultOrder(query)
                .Take(MaxRows + 1)
                .Select(r => new
                {
                    r.Id, r.Name, r.Gender, r.BirthDate, UnitName = r.Unit!.Name, GroupName = r.Group == null ? null : r.Group.Name,
                    PartyBranchName = r.PartyBranch == null ? null : r.PartyBranch.Name,
                    IdNumber = idNumbers ? r.IdNumber : null, Phone = phones ? r.Phone : null, r.Address, r.Community, r.CareCategories, r.IsDeceased,
                })
                .ToListAsync(cancellationToken);
            var rows = read.Take(MaxRows).Select(r => new RosterRow(
                r.Id, r.Name, r.Gender, r.BirthDate, Retiree.AgeOn(r.BirthDate, ageOn), r.UnitName, r.GroupName, r.PartyBranchName,
                rules.IdNumber(r.IdNumber), rules.Phone(r.Phone), r.Address, r.Community, r.CareCategories, r.IsDeceased)).ToList();
            return (rows, read.Count > MaxRows);
        }
    }

    private static Roster Split((List<RosterRow> Rows, bool Truncated) read, RosterBreak breakBy, IReadOnlyList<AgeCohort>? cohorts)
    {
        // The register's order is unit by unit; by group, a unit's groups follow each other by name, the ungrouped last.
        var units = read.Rows.Select(r => r.UnitName).Distinct().Select((name, index) => (name, index)).ToDictionary(u => u.name, u => u.index);
        var pages = breakBy == RosterBreak.Group
            ? read.Rows.GroupBy(r => (r.UnitName, r.GroupName))
                .OrderBy(g => units[g.Key.UnitName]).ThenBy(g => g.Key.GroupName is null).ThenBy(g => g.Key.GroupName, StringComparer.Ordinal)
                .Select(g => (Title: $"{g.Key.UnitName} · {g.Key.GroupName ?? "未分组"}", Rows: g.ToList()))
            : read.Rows.GroupBy(r => r.UnitName).Select(g => (Title: g.Key, Rows: g.ToList()));
        var sections = pages
            .Select(p => new RosterSection(p.Title, cohorts is null
                ? [new RosterPart(null, p.Rows)]
                : cohorts.Select(c => new RosterPart(c.Label, p.Rows.Where(r => c.Holds(r.Age)).ToList()))
                    .Where(part => part.Rows.Count > 0).ToList()))
            .ToList();
        return new Roster(sections, read.Rows.Count, read.Truncated);
    }

    public static string Label(RosterColumn column) => EnumLabel.Of(column);
}
