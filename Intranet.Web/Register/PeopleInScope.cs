using System.Globalization;
using Intranet.Domain.Audit;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Register;

/// <summary>How every area's commands find the person a record is about: inside the user's scope, or not at all.</summary>
public static class PeopleInScope
{
    /// <summary>
    /// The retiree if the user's scope covers them; otherwise <c>null</c>, the same as for nobody (so an out-of-scope
    /// id tells nothing), and when the person does exist the attempt is an audit line saying <paramref name="attempt"/>.
    /// </summary>
    public static async Task<Retiree?> PersonInScopeAsync(
        this CurrentUser user, IntranetDbContext db, AuditLog audit, int retireeId, string attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        var retiree = await user.Scope.Apply(db.Retirees.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == retireeId, cancellationToken);
        if (retiree is null)
        {
            await LogOutOfScopeAsync(db, audit, retireeId, attempt, cancellationToken);
        }

        return retiree;
    }

    /// <summary>An attempt on a person outside the user's scope, as an audit line; nothing when no such person exists.</summary>
    public static async Task LogOutOfScopeAsync(IntranetDbContext db, AuditLog audit, int retireeId, string attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        if (await db.Retirees.AnyAsync(r => r.Id == retireeId, cancellationToken))
        {
            await audit.WriteAsync(new AuditEvent(AuditAction.AccessDenied)
            {
                EntityType = nameof(Retiree), EntityId = retireeId.ToString(CultureInfo.InvariantCulture), RetireeId = retireeId, Details = attempt,
            }, cancellationToken);
        }
    }
}
