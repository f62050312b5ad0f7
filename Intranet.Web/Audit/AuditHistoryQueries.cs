using System.Globalization;
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
/// One record's history, for the record's own page. Those pages are authorized already; the history
/// checks the reader's scope again itself, because it is a second way to read the record (old values
/// included) and must not become the way round the register's scope.
/// </summary>
public sealed class AuditHistoryQueries(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser user, TimeProvider time)
{
    public const int MaxPageSize = 100;

    private static PagedResult<AuditLine> Nothing { get; } = new([], 0);

    /// <summary>Everything recorded about one retiree (their record and any record about them), newest first.</summary>
    public async Task<PagedResult<AuditLine>> ForRetireeAsync(int retireeId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await RetireeVisibleAsync(db, retireeId, cancellationToken))
        {
            return Nothing;
        }

        // Changes only: who looked at a number in full is for the audit log, not the record's history. A record merged
        // into this one brought its past along: its lines are this person's history too.
        var people = await MergedIntoAsync(db, retireeId, cancellationToken);
        var changes = db.AuditEntries.Where(a => a.RetireeId != null && people.Contains(a.RetireeId.Value)
            && (a.Action == AuditAction.Create || a.Action == AuditAction.Update || a.Action == AuditAction.Delete || a.Action == AuditAction.Merge));
        return await PageAsync(db, changes, skip, take, cancellationToken);
    }

    /// <summary>
    /// The retiree and every record merged into them, however many merges back (a merge line is the survivor's, naming
    /// the record merged away); the audit trail is append-only, so the old lines keep their old person and are found here.
    /// </summary>
    internal static async Task<List<int>> MergedIntoAsync(IntranetDbContext db, int retireeId, CancellationToken cancellationToken)
    {
        var people = new List<int> { retireeId };
        var next = new List<int> { retireeId };
        while (next.Count > 0 && people.Count < 1000)
        {
            var merged = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Action == AuditAction.Merge && a.EntityType == nameof(Retiree) && a.RetireeId != null && next.Contains(a.RetireeId.Value))
                .Select(a => a.EntityId)
                .ToListAsync(cancellationToken);
            next = merged.Select(id => int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0)
                .Where(id => id > 0 && !people.Contains(id)).Distinct().ToList();
            people.AddRange(next);
        }

        return people;
    }

    /// <summary>The lines of one record of any type (a unit, an account, …), newest first.</summary>
    public async Task<PagedResult<AuditLine>> ForRecordAsync(
        string entityType, string entityId, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityType);
        ArgumentException.ThrowIfNullOrEmpty(entityId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await RecordVisibleAsync(db, entityType, entityId, cancellationToken))
        {
            return Nothing;
        }

        var lines = db.AuditEntries.Where(a => a.EntityType == entityType && a.EntityId == entityId);
        return await PageAsync(db, lines, skip, take, cancellationToken);
    }

    private async Task<PagedResult<AuditLine>> PageAsync(
        IntranetDbContext db, IQueryable<AuditEntry> lines, int skip, int take, CancellationToken cancellationToken)
    {
        lines = lines.AsNoTracking();
        var total = await lines.CountAsync(cancellationToken);
        var entries = await lines
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(Math.Max(skip, 0))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .ToListAsync(cancellationToken);

        var names = await AuditText.LoadNamesAsync(db, entries, cancellationToken);
        var people = await AuditText.LoadPeopleAsync(db, entries.Select(e => e.UserName), cancellationToken);
        var zone = time.LocalTimeZone;
        return new PagedResult<AuditLine>(entries.Select(e => AuditLine.From(e, names, zone, user.PersonalData) with { Who = AuditText.Who(e.UserName, people) }).ToList(), total);
    }

    private Task<bool> RetireeVisibleAsync(IntranetDbContext db, int retireeId, CancellationToken cancellationToken) =>
        user.Scope.Apply(db.Retirees.AsNoTracking()).AnyAsync(r => r.Id == retireeId, cancellationToken);

    private async Task<bool> RecordVisibleAsync(IntranetDbContext db, string entityType, string entityId, CancellationToken cancellationToken)
    {
        if (!int.TryParse(entityId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        // A retiree's record is read through the register's scope, whoever reads it.
        if (entityType == nameof(Retiree))
        {
            return await RetireeVisibleAsync(db, id, cancellationToken);
        }

        // Whoever may read the whole log may read any part of it.
        if (user.Can(Permissions.CanReadAuditLog))
        {
            return true;
        }

        return entityType switch
        {
            nameof(Unit) => await user.Scope.Apply(db.Units.AsNoTracking()).AnyAsync(u => u.Id == id, cancellationToken),
            nameof(RetireeGroup) => await user.Scope.Apply(db.RetireeGroups.AsNoTracking()).AnyAsync(g => g.Id == id, cancellationToken),
            nameof(PartyBranch) => user.Can(Permissions.CanReadRegister),
            nameof(AppUser) => user.Can(Permissions.CanManageAccounts),
            _ => false,
        };
    }
}
