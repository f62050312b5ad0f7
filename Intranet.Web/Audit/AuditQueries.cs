using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Audit;

/// <summary>
/// The audit log's reads, for administrators only. The page is gated by policy too; the check here is
/// what actually keeps the log closed, whoever calls. There are no writes: the log is append-only.
/// </summary>
public sealed class AuditQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public async Task<PagedResult<AuditLine>> ListAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Demand();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.AuditEntries.AsNoTracking(), db.Retirees.AsNoTracking(), filter, time.LocalTimeZone);
        var total = await query.CountAsync(cancellationToken);
        var entries = await query
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(Math.Max(skip, 0))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .ToListAsync(cancellationToken);

        var names = await AuditText.LoadNamesAsync(db, entries, cancellationToken);
        var zone = time.LocalTimeZone;
        var people = await AuditText.LoadPeopleAsync(db, entries.Select(e => e.UserName), cancellationToken);
        return new PagedResult<AuditLine>(entries.Select(e => AuditLine.From(e, names, zone, user.PersonalData) with { Who = AuditText.Who(e.UserName, people) }).ToList(), total);
    }

    /// <summary>The object types to filter by: the known ones, and any other the log already holds.</summary>
    public async Task<IReadOnlyList<EntityTypeChoice>> EntityTypesAsync(CancellationToken cancellationToken = default)
    {
        Demand();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType != null)
            .Select(a => a.EntityType!)
            .Distinct()
            .ToListAsync(cancellationToken);

        return AuditText.KnownEntityTypes
            .Concat(stored.Except(AuditText.KnownEntityTypes, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .Select(t => new EntityTypeChoice(t, AuditText.EntityTypeLabel(t)))
            .ToList();
    }

    internal static IQueryable<AuditEntry> Filter(
        IQueryable<AuditEntry> query, IQueryable<Retiree> retirees, AuditFilter filter, TimeZoneInfo zone)
    {
        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            // Login names are ASCII and people type them in any case.
            var term = filter.UserName.Trim().ToLowerInvariant();
            query = query.Where(a => a.UserName != null && a.UserName.ToLower().Contains(term));
        }

        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            // The retiree's present name finds lines written under an earlier one; the stored subject finds
            // lines about retirees since deleted (and accounts, units, … by their names).
            var term = filter.Person.Trim();
            query = query.Where(a =>
                (a.Subject != null && a.Subject.Contains(term))
                || (a.RetireeId != null && retirees.Any(r => r.Id == a.RetireeId && r.Name.Contains(term))));
        }

        if (filter.From is { } from)
        {
            var fromUtc = StartOfDayUtc(from, zone);
            query = query.Where(a => a.At >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var untilUtc = StartOfDayUtc(to.AddDays(1), zone);
            query = query.Where(a => a.At < untilUtc);
        }

        if (!string.IsNullOrEmpty(filter.EntityType))
        {
            var type = filter.EntityType;
            query = query.Where(a => a.EntityType == type);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        return query;
    }

    /// <summary>The UTC instant a local day begins; a day that begins inside a clock change begins when the clock resumes.</summary>
    internal static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private void Demand()
    {
        if (!user.Can(Permissions.CanReadAuditLog))
        {
            throw new UnauthorizedAccessException("只有系统管理员可以查看审计日志。");
        }
    }
}
