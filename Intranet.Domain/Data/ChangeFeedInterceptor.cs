using System.Data.Common;
using System.Runtime.CompilerServices;
using Intranet.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Intranet.Domain.Data;

public enum ChangeKind
{
    Created = 1,
    Updated = 2,
    Deleted = 3,
}

/// <summary>
/// What one committed save changed of one record: its type and key, and the unit, group and retiree it concerns
/// (from <see cref="IUnitScoped"/>, <see cref="IGroupScoped"/>, <see cref="IRetireeScoped"/>). Never a name or a number.
/// </summary>
public sealed record EntityChange(string Entity, int Key, ChangeKind Kind, int? UnitId, int? GroupId, int? RetireeId);

/// <summary>Where committed changes go (the web app's live feed); the domain knows nothing more of it.</summary>
public interface IChangeSink
{
    void Publish(IReadOnlyList<EntityChange> changes);
}

/// <summary>
/// Feeds the change sink from the save pipeline, so every save anywhere is seen — a page, an import, a job — and
/// only once committed: a failed save or a rolled-back transaction publishes nothing.
/// </summary>
public sealed class ChangeFeedInterceptor(IChangeSink sink) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Per context: records being saved (keys of new ones are known only afterwards), and saved but not yet committed.
    private readonly ConditionalWeakTable<DbContext, List<(AuditableEntity Entity, ChangeKind Kind)>> _saving = [];
    private readonly ConditionalWeakTable<DbContext, List<EntityChange>> _uncommitted = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Commit(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Commit(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var saving = context.ChangeTracker.Entries<AuditableEntity>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => (e.Entity, e.State switch { EntityState.Added => ChangeKind.Created, EntityState.Deleted => ChangeKind.Deleted, _ => ChangeKind.Updated }))
            .ToList();
        _saving.AddOrUpdate(context, saving);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_saving.TryGetValue(context, out var saved))
        {
            return;
        }

        _saving.Remove(context);
        var changes = _uncommitted.GetValue(context, _ => []);
        changes.AddRange(saved.Select(s => Describe(s.Entity, s.Kind)));

        // Without a transaction of its own the save has committed already.
        if (context.Database.CurrentTransaction is null)
        {
            Commit(context);
        }
    }

    private void Commit(DbContext? context)
    {
        if (context is null || !_uncommitted.TryGetValue(context, out var changes))
        {
            return;
        }

        _uncommitted.Remove(context);
        if (changes.Count > 0)
        {
            sink.Publish(changes);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _saving.Remove(context);
            _uncommitted.Remove(context);
        }
    }

    private static EntityChange Describe(AuditableEntity entity, ChangeKind kind) => new(
        entity.GetType().Name,
        entity.Id,
        kind,
        (entity as IUnitScoped)?.UnitId,
        (entity as IGroupScoped)?.GroupId,
        entity switch
        {
            IRetireeScoped about => about.RetireeId,
            IMaybeRetireeScoped maybe => maybe.RetireeId,
            Register.Retiree => entity.Id,
            _ => null,
        });
}
