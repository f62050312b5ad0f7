using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Domain.Data;

public class IntranetDbContext(DbContextOptions<IntranetDbContext> options) : DbContext(options)
{
    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<RetireeGroup> RetireeGroups => Set<RetireeGroup>();

    public DbSet<PartyBranch> PartyBranches => Set<PartyBranch>();

    public DbSet<Retiree> Retirees => Set<Retiree>();

    public DbSet<AppUser> Users => Set<AppUser>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>
    /// Off only for bulk creation that is not anybody's edit (seeding the demo register); every change
    /// made by a person is audited.
    /// </summary>
    public bool AuditTrailEnabled { get; set; } = true;

    /// <summary>Filled by <see cref="AuditableEntityInterceptor"/> while saving; written after the save knows the keys.</summary>
    internal List<PendingAuditEntry> PendingAudit { get; } = [];

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesWithAuditAsync(acceptAllChangesOnSuccess, async: false, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveChangesWithAuditAsync(acceptAllChangesOnSuccess, async: true, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IntranetDbContext).Assembly);
    }

    private async Task<int> SaveChangesWithAuditAsync(bool acceptAll, bool async, CancellationToken cancellationToken)
    {
        RefuseAuditTampering();
        if (!ChangeTracker.HasChanges())
        {
            return 0;
        }

        // The change and its audit lines commit together or not at all.
        var ownTransaction = Database.CurrentTransaction is null
            ? async ? await Database.BeginTransactionAsync(cancellationToken) : Database.BeginTransaction()
            : null;
        try
        {
            PendingAudit.Clear();
            var saved = async ? await base.SaveChangesAsync(acceptAll, cancellationToken) : base.SaveChanges(acceptAll);
            if (PendingAudit.Count > 0 && AuditTrailEnabled)
            {
                AuditEntries.AddRange(PendingAudit.Select(p => p.Complete()));
                PendingAudit.Clear();
                _ = async ? await base.SaveChangesAsync(acceptAll, cancellationToken) : base.SaveChanges(acceptAll);
            }

            if (ownTransaction is not null)
            {
                if (async)
                {
                    await ownTransaction.CommitAsync(cancellationToken);
                }
                else
                {
                    ownTransaction.Commit();
                }
            }

            return saved;
        }
        finally
        {
            PendingAudit.Clear();
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private void RefuseAuditTampering()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("审计日志只能追加，不能修改或删除。");
        }
    }
}
