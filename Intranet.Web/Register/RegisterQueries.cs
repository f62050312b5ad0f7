using System.Linq.Expressions;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Audit;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register;

/// <summary>
/// The register's reads: one page of retirees at a time, and the lists its filters choose from.
/// Every query starts from the signed-in person's scope.
/// </summary>
public sealed class RegisterQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, AuditLog audit, TimeProvider timeProvider)
{
    private static readonly Dictionary<string, Expression<Func<Retiree, object?>>> SortKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(RetireeListItem.Name)] = r => r.Name,
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
        var query = Filter(user.Scope.Apply(db.Retirees.AsNoTracking()), filter, Today);
        var total = await query.CountAsync(cancellationToken);

        var sorted = Sort(query, page);
        var rows = await sorted
            .Skip(page.Skip)
            .Take(Math.Clamp(page.Take, 1, 500))
            .Select(r => new
            {
                r.Id,
                r.Name,
                r.Gender,
                r.BirthDate,
                UnitName = r.Unit!.Name,
                GroupName = r.Group == null ? null : r.Group.Name,
                PartyBranchName = r.PartyBranch == null ? null : r.PartyBranch.Name,
                r.IdNumber,
                r.Phone,
                r.CareCategories,
                r.IsDeceased,
                r.DeathDate,
            })
            .ToListAsync(cancellationToken);

        var today = Today;
        var items = rows.Select(r => new RetireeListItem(
            r.Id, r.Name, r.Gender, r.BirthDate, Retiree.AgeOn(r.BirthDate, today), r.UnitName, r.GroupName, r.PartyBranchName,
            r.IdNumber, r.Phone, r.CareCategories, r.IsDeceased, r.DeathDate)).ToList();
        return new PagedResult<RetireeListItem>(items, total);
    }

    /// <summary>
    /// One retiree with the names of their unit, group and branch, or <c>null</c> when there is none in
    /// scope. Asking for someone outside one's scope (an id changed in the URL) is logged as denied.
    /// </summary>
    public async Task<Retiree?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var retiree = await user.Scope.Apply(db.Retirees.AsNoTracking())
            .Include(r => r.Unit)
            .Include(r => r.Group).ThenInclude(g => g!.Leader)
            .Include(r => r.PartyBranch)
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (retiree is null && await db.Retirees.AnyAsync(r => r.Id == id, cancellationToken))
        {
            await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied)
            {
                EntityType = nameof(Retiree),
                EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RetireeId = id,
                Details = "试图查看范围之外的退休教工记录",
            }, cancellationToken);
        }

        return retiree;
    }

    public async Task<IReadOnlyList<Choice>> UnitsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await user.Scope.Apply(db.Units.AsNoTracking()).OrderBy(u => u.SortOrder).ThenBy(u => u.Name)
            .Select(u => new Choice(u.Id, u.Name)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Choice>> GroupsAsync(int? unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = user.Scope.Apply(db.RetireeGroups.AsNoTracking());
        if (unitId is { } id)
        {
            groups = groups.Where(g => g.UnitId == id);
        }

        // Group names repeat across units ("第1小组"), so the list names the unit unless one unit is chosen.
        return await groups.OrderBy(g => g.Unit!.SortOrder).ThenBy(g => g.Name)
            .Select(g => new Choice(g.Id, unitId == null ? g.Unit!.Name + " · " + g.Name : g.Name))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Choice>> PartyBranchesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PartyBranches.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Name)
            .Select(b => new Choice(b.Id, b.Name)).ToListAsync(cancellationToken);
    }

    internal static IQueryable<Retiree> Filter(IQueryable<Retiree> query, RetireeFilter filter, DateOnly today)
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

            // A run of digits is someone's ID number being typed in; anything else is a name.
            query = term.Length >= 6 && term.All(c => char.IsAsciiDigit(c) || c is 'x' or 'X')
                ? query.Where(r => r.IdNumber.StartsWith(term.ToUpperInvariant()))
                : query.Where(r => r.Name.Contains(term));
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

    private static IQueryable<Retiree> Sort(IQueryable<Retiree> query, PageRequest page)
    {
        var sortBy = page.SortBy;
        var descending = page.Descending;

        // Age sorts as birth date the other way round.
        if (string.Equals(sortBy, nameof(RetireeListItem.Age), StringComparison.OrdinalIgnoreCase))
        {
            sortBy = nameof(RetireeListItem.BirthDate);
            descending = !descending;
        }

        if (sortBy is null || !SortKeys.TryGetValue(sortBy, out var key))
        {
            return query.OrderBy(r => r.Unit!.SortOrder).ThenBy(r => r.Name).ThenBy(r => r.Id);
        }

        var ordered = descending ? query.OrderByDescending(key) : query.OrderBy(key);
        return ordered.ThenBy(r => r.Id);
    }
}
