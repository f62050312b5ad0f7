using Intranet.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Domain.Register.Demo;

/// <summary>
/// A believable retiree register for demos, screenshots and load tests: Qingyang's units and streets, its 2019
/// figures (141 groups, 24 branches, 928 party members per 3,600 retirees) scaled to the requested size, with
/// ages, health and family circumstances that hang together.
/// </summary>
public static class DemoRegisterGenerator
{
    /// <summary>A city-wide register is about 100,000; ten times that still fits the ID-number and naming schemes.</summary>
    public const int MaxRetireeCount = 1_000_000;

    // Large enough that a batch is one quick round of statements, small enough that the change tracker stays lean.
    private const int BatchSize = 2000;

    /// <summary>Builds the register in memory. Same options and same <paramref name="today"/> give identical output.</summary>
    public static DemoRegister Generate(DemoRegisterOptions options, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetireeCount, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.RetireeCount, MaxRetireeCount, nameof(options));
        return new DemoRegisterBuilder(options, today).Build();
    }

    /// <summary>
    /// Generates a register and inserts it, in one transaction, into a database whose register is empty.
    /// Group leaders are filled in once the retirees have their ids. The context's change tracker is cleared
    /// between batches and left empty.
    /// </summary>
    public static Task SeedAsync(IntranetDbContext db, DemoRegisterOptions options, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);

        // A retrying provider (SQL Server with retries on) only allows a user transaction inside its strategy;
        // generation happens inside too, so a retry starts again from fresh objects.
        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            ct => SeedOnceAsync(db, options, today, ct), cancellationToken);
    }

    private static async Task SeedOnceAsync(IntranetDbContext db, DemoRegisterOptions options, DateOnly today, CancellationToken cancellationToken)
    {
        if (await db.Units.AnyAsync(cancellationToken) || await db.PartyBranches.AnyAsync(cancellationToken)
            || await db.Retirees.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The demo register can only be seeded into an empty register.");
        }

        var register = Generate(options, today);
        var leaders = register.Groups.Select(g => g.Leader!).ToArray();
        DetachGraph(register);

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;

        // Everything added is new, so there is nothing to detect; scanning 2,000 entries per save would dominate.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            db.Units.AddRange(register.Units);
            db.PartyBranches.AddRange(register.PartyBranches);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();

            foreach (var group in register.Groups)
            {
                group.UnitId = group.Unit!.Id;
                group.Unit = null;
            }

            await db.InsertInBatchesAsync(register.Groups, BatchSize, cancellationToken);

            foreach (var retiree in register.Retirees)
            {
                retiree.UnitId = retiree.Unit!.Id;
                retiree.GroupId = retiree.Group?.Id;
                retiree.PartyBranchId = retiree.PartyBranch?.Id;
                retiree.Unit = null;
                retiree.Group = null;
                retiree.PartyBranch = null;
            }

            await db.InsertInBatchesAsync(register.Retirees, BatchSize, cancellationToken);

            // Set in place rather than through tracked updates: the seed is one creation, not an edit, so the
            // groups keep their first version and no "updated by" stamp.
            for (var i = 0; i < register.Groups.Count; i++)
            {
                var groupId = register.Groups[i].Id;
                int? leaderId = leaders[i].Id;
                register.Groups[i].LeaderId = leaderId;
                await db.RetireeGroups.Where(g => g.Id == groupId)
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.LeaderId, leaderId), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// Cuts the links that lead from one record to the next (unit → groups → leader → …). Left in place, adding one
    /// record would make EF walk, and insert, the whole register at once.
    /// </summary>
    private static void DetachGraph(DemoRegister register)
    {
        foreach (var unit in register.Units)
        {
            unit.Groups.Clear();
        }

        foreach (var group in register.Groups)
        {
            group.Leader = null;
        }
    }
}
