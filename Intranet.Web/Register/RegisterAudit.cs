using System.Globalization;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Audit;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register;

/// <summary>The register's denied-access lines, written the same way by its reads, writes and export.</summary>
internal static class RegisterAudit
{
    public static Task RetireeDeniedAsync(this AuditLog audit, int? id, string details, CancellationToken cancellationToken, int? retireeId = null) =>
        audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied)
        {
            EntityType = nameof(Retiree),
            EntityId = id?.ToString(CultureInfo.InvariantCulture),
            RetireeId = retireeId,
            Details = details,
        }, cancellationToken);

    /// <summary>
    /// Only a record that exists but lies outside the caller's scope is a denied access; a stale id is just gone.
    /// </summary>
    public static async Task DeniedIfExistsAsync(this AuditLog audit, IntranetDbContext db, int id, string what, CancellationToken cancellationToken)
    {
        if (await db.Retirees.AnyAsync(r => r.Id == id, cancellationToken))
        {
            await audit.RetireeDeniedAsync(id, $"试图{what}范围之外的退休教工记录", cancellationToken, retireeId: id);
        }
    }
}
