using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;

namespace Intranet.Web.Accounts.Administration;

/// <summary>
/// The check every administrator action passes first: the caller's role, on the server, whatever page the
/// call came from. A refusal is written to the audit log.
/// </summary>
public sealed class AdminGate(CurrentUser currentUser, AuditLog audit)
{
    public async Task<bool> AllowedAsync(string entityType, string action)
    {
        if (currentUser.Can(Permissions.CanManageAccounts))
        {
            return true;
        }

        await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied) { EntityType = entityType, Details = action });
        return false;
    }

    /// <summary>For reads: they throw rather than answer empty, since only a call that bypassed the page's policy gets here.</summary>
    public async Task DemandAsync(string entityType, string action)
    {
        if (!await AllowedAsync(entityType, action))
        {
            throw new UnauthorizedAccessException(AdminMessages.NotAllowed);
        }
    }
}
