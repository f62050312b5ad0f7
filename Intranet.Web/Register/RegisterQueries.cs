using System.Linq.Expressions;
using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Register.Pinyin;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Lists;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register;

/// <summary>
/// The register's reads: one page of retirees at a time, and the lists its filters choose from.
/// Every query starts from the signed-in person's scope.
/// </summary>
public sealed class RegisterQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, AuditLog audit, TimeProvider timeProvider, ListCounts counts)
{
    // Name is not here: it sorts by two keys (Sort).
    private static readonly Dictionary<string, Expression<Func<Retiree, object?>>> SortKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(RetireeListItem.Gender)] = r => r.Gender,
        [nameof(RetireeListItem.BirthDate)] = r => r.BirthDate,
        [nameof(RetireeListItem.UnitName)] = r => r.Unit!.Name,
        [nameof(RetireeListItem.GroupName)] = r => r.Group!.Name,
        [nameof(RetireeListItem.PartyBranchName)] = r => r.PartyBranch!.Name,
    };

    public DateOnly Today => DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);

    public async Task<PagedResult<RetireeListItem>> ListAsync(RetireeFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var personalData = user.PersonalData;
        var query = Filter(user.Scope.Apply(db.Retirees.AsNoTracking()), filter, Today, personalData);
        // Counted once for everyone asking the same (opening the list, a new filter) until a retiree changes.
        var total = page.KnownTotal ?? await counts.CountAsync(
            nameof(Retiree), (user.Role, user.Scope, filter, Today), query.CountAsync, cancellationToken);

        // The page's ids first, then their rows: walking to a deep page then reads index entries only, and the unit,
        // group and branch names are looked up for the 20 rows shown rather than for every row skipped on the way.
        var ids = await Sort(query, page, filter)
            .Skip(page.Skip)
            .Take(Math.Clamp(page.Take, 1, 500))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        var rows = await user.Scope.Apply(db.Retirees.AsNoTracking())
            .Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id,
                r.Name,
                r.Gender,
                r.BirthDate,
                UnitName = r.Unit!.Name,
                GroupName = r.Group == null ? null : r.Group.Name,
                PartyBranchName = r.PartyBranch == null ? null : r.PartyBranch.Name,
                // A number the role does not see is not even read.
                IdNumber = personalData.SeesIdNumber ? r.IdNumber : null,
                Phone = personalData.SeesPhone ? r.Phone : null,
                r.CareCategories,
                r.IsDeceased,
                r.DeathDate,
            })
            .ToListAsync(cancellationToken);

        var today = Today;
        var position = ids.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        var items = rows.OrderBy(r => position[r.Id]).Select(r => new RetireeListItem(
            r.Id, r.Name, r.Gender, r.BirthDate, Retiree.AgeOn(r.BirthDate, today), r.UnitName, r.GroupName, r.PartyBranchName,
            personalData.IdNumber(r.IdNumber), personalData.Phone(r.Phone), r.CareCategories, r.IsDeceased, r.DeathDate)).ToList();
        return new PagedResult<RetireeListItem>(items, total);
    }

    /// <summary>
    /// One retiree with the names of their unit, group and branch, or <c>null</c> when there is none in
    /// scope. A page that gets <c>null</c> calls <see cref="LogDeniedAsync"/> once per visit.
    /// </summary>
    public async Task<Retiree?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var retiree = await user.Scope.Apply(db.Retirees.AsNoTracking())
            .Include(r => r.Unit)
            .Include(r => r.Group).ThenInclude(g => g!.Leader)
            .Include(r => r.PartyBranch)
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

        // Health notes are sensitive: a role that does not read them does not get them, not even into its circuit.
        if (retiree is not null && !user.PersonalData.SeesHealthNotes)
        {
            retiree.HealthNotes = null;
        }

        return retiree;
    }

    /// <summary>The accounts that registered and last changed the person, by login name, for the record's footer.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AuthorsAsync(Retiree retiree, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retiree);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await AuditText.LoadPeopleAsync(db, [retiree.CreatedBy, retiree.UpdatedBy], cancellationToken);
    }

    /// <summary>
    /// Logs asking for someone outside one's scope (an id changed in the URL) as a denied access; a stale id
    /// of a record since deleted is not one. <paramref name="what"/> names the attempt: "查看", "编辑".
    /// </summary>
    public async Task LogDeniedAsync(int id, string what, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await audit.DeniedIfExistsAsync(db, id, what, cancellationToken);
    }

    /// <summary>Units in scope whose name holds <paramref name="term"/>, in the office's order, and the chosen one.</summary>
    public async Task<IReadOnlyList<Choice>> UnitChoicesAsync(string? term, int? selected, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ChoiceQueries.PickAsync(
            user.Scope.Apply(db.Units.AsNoTracking()).OrderBy(u => u.SortOrder).ThenBy(u => u.Name),
            term is null ? null : u => u.Name.Contains(term),
            u => new Choice(u.Id, u.Name),
            selected is { } id ? u => u.Id == id : null,
            cancellationToken);
    }

    /// <summary>Groups in scope (of one unit, or of all, then named with their unit) matching <paramref name="term"/>.</summary>
    public async Task<IReadOnlyList<Choice>> GroupChoicesAsync(int? unitId, string? term, int? selected, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = user.Scope.Apply(db.RetireeGroups.AsNoTracking());
        if (unitId is { } unit)
        {
            groups = groups.Where(g => g.UnitId == unit);
        }

        // Group names repeat across units ("第1小组"), so the list names the unit unless one unit is chosen.
        return await ChoiceQueries.PickAsync(
            groups.OrderBy(g => g.Unit!.SortOrder).ThenBy(g => g.Unit!.Name).ThenBy(g => g.Name),
            term is null ? null : g => g.Name.Contains(term) || (unitId == null && g.Unit!.Name.Contains(term)),
            g => new Choice(g.Id, unitId == null ? g.Unit!.Name + " · " + g.Name : g.Name),
            selected is { } id ? g => g.Id == id : null,
            cancellationToken);
    }

    public async Task<IReadOnlyList<Choice>> BranchChoicesAsync(string? term, int? selected, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ChoiceQueries.PickAsync(
            db.PartyBranches.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Name),
            term is null ? null : b => b.Name.Contains(term),
            b => new Choice(b.Id, b.Name),
            selected is { } id ? b => b.Id == id : null,
            cancellationToken);
    }

    /// <summary>
    /// Living people in scope whose name (or its pinyin, or the start of an ID number for roles that may search by
    /// it) matches <paramref name="term"/>, closest first, for the pickers of other areas (enrolling, inviting,
    /// entering a contest). Named with unit and birth year, since names repeat: 王芳（实验小学，1948年生）.
    /// </summary>
    public async Task<IReadOnlyList<Choice>> RetireeChoicesAsync(string? term, int? selected, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filter = new RetireeFilter { NameOrId = term };
        var living = Filter(user.Scope.Apply(db.Retirees.AsNoTracking()), filter, Today, user.PersonalData);
        return await ChoiceQueries.PickAsync(
            Sort(living, new PageRequest(0, ChoiceQueries.Limit), filter),
            null,
            r => new Choice(r.Id, r.Name + "（" + r.Unit!.Name + "，" + r.BirthDate.Year + "年生）"),
            selected is { } id ? r => r.Id == id : null,
            cancellationToken);
    }

    /// <summary>The one unit a unit officer or group leader works in, which their forms choose for them; none for the others.</summary>
    public async Task<Choice?> OwnUnitAsync(CancellationToken cancellationToken = default)
    {
        if (user.Scope.Kind is not (ScopeKind.Unit or ScopeKind.Group))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await user.Scope.Apply(db.Units.AsNoTracking()).OrderBy(u => u.Id).Select(u => new Choice(u.Id, u.Name)).FirstOrDefaultAsync(cancellationToken);
    }

    internal static IQueryable<Retiree> Filter(IQueryable<Retiree> query, RetireeFilter filter, DateOnly today, PersonalDataRules personalData)
    {
        query = filter.Status switch
        {
            LifeStatus.Alive => query.Where(r => !r.IsDeceased),
            LifeStatus.Deceased => query.Where(r => r.IsDeceased),
            _ => query,
        };

        if (!string.IsNullOrWhiteSpace(filter.NameOrId))
        {
            var term = filter.NameOrId.Trim();

            // A run of digits is someone's ID number being typed in; Latin letters are pinyin; anything else is
            // (part of) a name. Letters do not also look inside names: no Chinese name holds a Latin letter, a name
            // written in Latin letters is found by its start through its keys, and a substring test would cost a
            // scan of the whole register where the key indexes answer at once.
            if (IsIdNumberSearch(term))
            {
                var prefix = term.ToUpperInvariant();
                query = personalData.MaySearchByIdNumber ? query.Where(r => r.IdNumber.StartsWith(prefix)) : query.Where(r => false);
            }
            else if (ChinesePinyin.SearchPrefixes(term) is { Count: > 0 } pinyin)
            {
                query = query.Where(PinyinStartsWith(pinyin));
            }
            else
            {
                query = query.Where(r => r.Name.Contains(term));
            }
        }

        if (filter.UnitId is { } unitId)
        {
            query = query.Where(r => r.UnitId == unitId);
        }

        if (filter.GroupId is { } groupId)
        {
            query = query.Where(r => r.GroupId == groupId);
        }

        if (filter.PartyBranchId is { } branchId)
        {
            query = query.Where(r => r.PartyBranchId == branchId);
        }

        // An age band is a range of birth dates, so the birth-date index answers it.
        if (filter.Age is { } band)
        {
            var bornOnOrBefore = today.AddYears(-(int)band);
            query = query.Where(r => r.BirthDate <= bornOnOrBefore);
            if (band.LastAge() is { } last)
            {
                var bornAfter = today.AddYears(-(last + 1));
                query = query.Where(r => r.BirthDate > bornAfter);
            }
        }

        if (filter.Care is { VeryOld: true })
        {
            var bornOnOrBefore = today.AddYears(-Retiree.VeryOldAge);
            query = query.Where(r => r.BirthDate <= bornOnOrBefore);
        }
        else if (filter.Care is { } care && care.Category != CareCategories.None)
        {
            var category = care.Category;
            query = query.Where(r => (r.CareCategories & category) == category);
        }

        return query;
    }

    /// <summary>Whether a search term is (the start of) an ID number rather than a name.</summary>
    internal static bool IsIdNumberSearch(string term) =>
        term.Length >= 6 && term.All(c => char.IsAsciiDigit(c) || c is 'x' or 'X');

    /// <summary>
    /// Unit by unit in the units' own order, each unit's people by pinyin. The unit's id between the two keeps units of
    /// equal order apart and lets SQLite read the order from indexes (Units.SortOrder, then Retirees' (UnitId, NamePinyin,
    /// Name)) rather than sort the whole register for every page.
    /// </summary>
    internal static IOrderedQueryable<Retiree> DefaultOrder(IQueryable<Retiree> query) =>
        query.OrderBy(r => r.Unit!.SortOrder).ThenBy(r => r.Unit!.Id).ThenBy(r => r.NamePinyin).ThenBy(r => r.Name).ThenBy(r => r.Id);

    /// <summary>
    /// The name's pinyin keys start as the term reads (<see cref="ChinesePinyin.SearchPrefixes"/>). Each prefix is a
    /// range on an indexed key column (<c>key &gt;= 'wxy' AND key &lt; 'wxz'</c>) rather than LIKE, which SQLite
    /// compares without regard to case and so cannot answer from an ordinary index.
    /// </summary>
    private static Expression<Func<Retiree, bool>> PinyinStartsWith(IReadOnlyList<PinyinPrefix> prefixes)
    {
        var retiree = Expression.Parameter(typeof(Retiree), "r");
        Expression? body = null;
        foreach (var prefix in prefixes)
        {
            Expression? match = null;
            if (prefix.Pinyin.Length > 0)
            {
                var (from, to) = Range(prefix.Pinyin);
#pragma warning disable CA1309, CA1310 // Translated to SQL comparison operators; never compared in .NET.
                match = Rebind(r => string.Compare(r.NamePinyinCompact, from) >= 0 && string.Compare(r.NamePinyinCompact, to) < 0);
            }

            if (prefix.Initials.Length > 0)
            {
                var (from, to) = Range(prefix.Initials);
                var initials = Rebind(r => string.Compare(r.NameInitials, from) >= 0 && string.Compare(r.NameInitials, to) < 0);
#pragma warning restore CA1309, CA1310
                match = match is null ? initials : Expression.AndAlso(match, initials);
            }

            if (match is not null)
            {
                body = body is null ? match : Expression.OrElse(body, match);
            }
        }

        return Expression.Lambda<Func<Retiree, bool>>(body ?? Expression.Constant(false), retiree);

        // The prefix is lower-case ASCII letters, so bumping its last letter gives the first string past all that
        // start with it. The bounds stay captured locals, not constants, so EF sends parameters and reuses its plan.
        static (string From, string To) Range(string prefix) => (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

        Expression Rebind(Expression<Func<Retiree, bool>> condition) =>
            new ParameterSwap(condition.Parameters[0], retiree).Visit(condition.Body);
    }

    private static IQueryable<Retiree> Sort(IQueryable<Retiree> query, PageRequest page, RetireeFilter filter)
    {
        var sortBy = page.SortBy;

        // A name searched for, with no column chosen: the closest matches first (王芳 before 王芳华), not unit by unit.
        if (sortBy is null && filter.NameOrId?.Trim() is { Length: > 0 } term && !IsIdNumberSearch(term))
        {
            var letters = term.ToLowerInvariant();
            return query
                .OrderBy(r => r.Name == term || r.NameInitials == letters || r.NamePinyinCompact == letters ? 0 : r.Name.StartsWith(term) ? 1 : 2)
                .ThenBy(r => r.NamePinyin).ThenBy(r => r.Name).ThenBy(r => r.Id);
        }

        var descending = page.Descending;

        // Age sorts as birth date the other way round.
        if (string.Equals(sortBy, nameof(RetireeListItem.Age), StringComparison.OrdinalIgnoreCase))
        {
            sortBy = nameof(RetireeListItem.BirthDate);
            descending = !descending;
        }

        // By pinyin (阿 … 张 … 赵), then by the characters so that 张 and 章 (both zhang) keep a fixed order.
        if (string.Equals(sortBy, nameof(RetireeListItem.Name), StringComparison.OrdinalIgnoreCase))
        {
            var byName = descending
                ? query.OrderByDescending(r => r.NamePinyin).ThenByDescending(r => r.Name)
                : query.OrderBy(r => r.NamePinyin).ThenBy(r => r.Name);
            return byName.ThenBy(r => r.Id);
        }

        if (sortBy is null || !SortKeys.TryGetValue(sortBy, out var key))
        {
            return DefaultOrder(query);
        }

        var ordered = descending ? query.OrderByDescending(key) : query.OrderBy(key);
        return ordered.ThenBy(r => r.Id);
    }
}

/// <summary>Lets conditions written as separate lambdas share one parameter when joined into one.</summary>
file sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}
