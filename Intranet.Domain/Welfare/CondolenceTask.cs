using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Welfare;

/// <summary>
/// 吊唁慰问: raised when a death is recorded in the register, owned by the person's unit, closed by recording the
/// condolence visit to the family. The year's condolence count comes from these.
/// </summary>
[EntityLabel("吊唁任务", Order = 26)]
public class CondolenceTask : AuditableEntity, IRetireeScoped
{
    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "去世日期")]
    public DateOnly? DeathDate { get; set; }

    [Display(Name = "慰问记录")]
    public int? VisitId { get; set; }

    public Visit? Visit { get; set; }

    public bool IsDone => VisitId is not null;
}

internal sealed class CondolenceTaskConfiguration : IEntityTypeConfiguration<CondolenceTask>
{
    public void Configure(EntityTypeBuilder<CondolenceTask> builder)
    {
        builder.ToTable("CondolenceTasks");
        builder.HasBookkeeping();
        builder.HasOne(t => t.Retiree).WithMany().HasForeignKey(t => t.RetireeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Visit).WithMany().HasForeignKey(t => t.VisitId).OnDelete(DeleteBehavior.SetNull);

        // One task per death: recording the death twice (or two saves at once) cannot raise a second.
        builder.HasIndex(t => t.RetireeId).IsUnique();
        builder.HasIndex(t => new { t.VisitId, t.DeathDate });
    }
}

/// <summary>
/// Raises the condolence task in the same save that records a death, wherever the death is recorded (the form, an
/// import, a job), and closes it in the save that records the condolence visit.
/// </summary>
public sealed class CondolenceOnDeath : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        RaiseAsync(eventData.Context, async: false, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await RaiseAsync(eventData.Context, async: true, cancellationToken);
        return result;
    }

    private static async Task RaiseAsync(DbContext? db, bool async, CancellationToken cancellationToken)
    {
        if (db is null)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        var died = Retiree.DyingIn(db.ChangeTracker).ToList();
        foreach (var retiree in died)
        {
            // A death recorded, undone and recorded again keeps its one task.
            if (await FindAsync(db, retiree.Id, async, cancellationToken) is null)
            {
                db.Set<CondolenceTask>().Add(new CondolenceTask { RetireeId = retiree.Id, DeathDate = retiree.DeathDate });
            }
        }

        var condolences = db.ChangeTracker.Entries<Visit>()
            .Where(e => e.State == EntityState.Added && e.Entity.Occasion == VisitOccasion.Condolence)
            .Select(e => e.Entity)
            .ToList();
        foreach (var visit in condolences)
        {
            if (await FindAsync(db, visit.RetireeId, async, cancellationToken) is { VisitId: null, Visit: null } task)
            {
                task.Visit = visit;
            }
        }
    }

    private static async Task<CondolenceTask?> FindAsync(DbContext db, int retireeId, bool async, CancellationToken cancellationToken)
    {
        var tasks = db.Set<CondolenceTask>();
        return tasks.Local.FirstOrDefault(t => t.RetireeId == retireeId)
            ?? (async
                ? await tasks.FirstOrDefaultAsync(t => t.RetireeId == retireeId, cancellationToken)
                : tasks.FirstOrDefault(t => t.RetireeId == retireeId));
    }
}
