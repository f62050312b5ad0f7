using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Audit;

/// <summary>
/// Writes the audit lines that are not record changes: sign-ins, denied accesses, reveals and exports.
/// Record changes are written by the DbContext itself, in the same transaction as the change.
/// </summary>
public sealed class AuditLog(IDbContextFactory<IntranetDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task WriteAsync(AuditEvent audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            UserName = audit.UserName ?? currentUser.UserName,
            Action = audit.Action,
            EntityType = audit.EntityType,
            EntityId = audit.EntityId,
            RetireeId = audit.RetireeId,
            Subject = Truncate(audit.Subject, 100),
            Details = Truncate(audit.Details, 2000),
            IpAddress = currentUser.IpAddress,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}

public sealed record AuditEvent(AuditAction Action)
{
    /// <summary>Overrides the signed-in user, e.g. the name typed in a failed sign-in.</summary>
    public string? UserName { get; init; }

    public string? EntityType { get; init; }

    public string? EntityId { get; init; }

    public int? RetireeId { get; init; }

    public string? Subject { get; init; }

    public string? Details { get; init; }
}
