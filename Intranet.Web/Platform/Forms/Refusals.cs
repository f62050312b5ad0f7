using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;

namespace Intranet.Web.Platform.Forms;

public static class Refusals
{
    /// <summary>
    /// The role check every command passes first, on the server: <c>null</c> when the user's role may; otherwise the
    /// attempt is an audit line (<paramref name="entityType"/>, <paramref name="attempt"/>) and <paramref name="message"/> is the refusal.
    /// </summary>
    public static async Task<CommandResult?> RefuseUnlessAsync(
        this CurrentUser user, Func<UserRole, bool> permission, AuditLog audit, string entityType, string attempt, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(audit);
        if (user.Can(permission))
        {
            return null;
        }

        await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied) { EntityType = entityType, Details = attempt }, cancellationToken);
        return CommandResult.Refused(message);
    }
}
