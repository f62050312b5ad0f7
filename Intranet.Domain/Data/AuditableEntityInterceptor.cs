using Intranet.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Intranet.Domain.Data;

/// <summary>
/// Stamps who and when on every saved record, bumps its concurrency version and captures its audit lines;
/// first lets records derive their derived fields (<see cref="IDerivesFields"/>).
/// </summary>
public sealed class AuditableEntityInterceptor(ICurrentUser currentUser, TimeProvider timeProvider) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        DeriveFields(context);

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var user = currentUser.UserName ?? SystemUser.Name;
        foreach (var entry in context.ChangeTracker.Entries<AuditableEntity>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt = now;
                entry.Entity.CreatedBy = user;
                entry.Entity.Version = 1;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Entity.UpdatedAt = now;
                entry.Entity.UpdatedBy = user;
                entry.Entity.Version = entry.Entity.Version + 1;
            }
        }

        if (context is IntranetDbContext { AuditTrailEnabled: true } intranet)
        {
            intranet.PendingAudit.AddRange(Audit.AuditTrail.Capture(context.ChangeTracker, user, now));
        }
    }

    private static void DeriveFields(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity is IDerivesFields derives)
            {
                derives.DeriveFields(entry);
            }
        }
    }
}
