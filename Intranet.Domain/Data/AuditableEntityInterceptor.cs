using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Intranet.Domain.Data;

/// <summary>
/// Stamps who and when on every saved record, bumps its concurrency version and captures its audit lines;
/// first derives the retirees' pinyin keys from their names.
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

        DeriveNameKeys(context);

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

    private static void DeriveNameKeys(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries<Retiree>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified) || entry.Entity.Name is not { } name)
            {
                continue;
            }

            var keys = Retiree.NameKeys(name);
            Set(entry.Property(r => r.NamePinyin), keys.SortKey);
            Set(entry.Property(r => r.NameInitials), keys.Initials);
            Set(entry.Property(r => r.NamePinyinCompact), keys.Compact);
        }

        // Through the entry, not the entity, so the change counts even when the context does not detect changes.
        static void Set(PropertyEntry<Retiree, string> property, string value)
        {
            if (!string.Equals(property.CurrentValue, value, StringComparison.Ordinal))
            {
                property.CurrentValue = value;
            }
        }
    }
}
