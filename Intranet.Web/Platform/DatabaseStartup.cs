using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Register.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Intranet.Web.Platform;

/// <summary>
/// Brings the database up to date before the app serves anyone, fills in derived keys that rows saved before
/// them lack, then seeds the demo register into an empty database when configuration asks for it. Hosted
/// services start before Kestrel listens.
/// </summary>
internal sealed class DatabaseStartup(
    IServiceProvider services,
    IOptions<DemoDataOptions> demo,
    TimeProvider timeProvider,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<IntranetDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Database is up to date.");

        var filled = await BackfillNameKeysAsync(db, cancellationToken);
        if (filled > 0)
        {
            logger.LogInformation("Filled in the pinyin keys of {Count} retirees.", filled);
        }

        if (demo.Value.Enabled && !await db.Units.AnyAsync(cancellationToken))
        {
            var today = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);
            db.AuditTrailEnabled = false;
            await DemoRegisterGenerator.SeedAsync(db, new DemoRegisterOptions(demo.Value.RetireeCount, demo.Value.Seed), today, cancellationToken);
            logger.LogInformation("Seeded the demo register with {Count} retirees.", demo.Value.RetireeCount);
        }

        if (demo.Value.Enabled)
        {
            db.AuditTrailEnabled = false;
            await Domain.Welfare.Demo.DemoWelfareGenerator.SeedAsync(db, DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime), demo.Value.Seed, cancellationToken);
            await Domain.University.Demo.DemoUniversityGenerator.SeedAsync(db, DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime), demo.Value.Seed, cancellationToken: cancellationToken);
            await Domain.Activities.Demo.DemoActivitiesGenerator.SeedAsync(db, DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime), demo.Value.Seed, cancellationToken);
            await Domain.Contests.Demo.DemoContestsGenerator.SeedAsync(db, DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime), demo.Value.Seed, cancellationToken);
            db.AuditTrailEnabled = true;
        }

        // Without statistics SQLite guesses, and at city scale it guesses a sort of the whole register for every page
        // rather than walking the default order's indexes. A full ANALYZE takes about 0.1 s at 100,000 retirees.
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Gives retirees saved before the pinyin keys existed (the migration left theirs empty) their keys. Written
    /// straight to the rows: filling in a derived column is nobody's edit, so no version, stamp or audit line.
    /// </summary>
    internal static async Task<int> BackfillNameKeysAsync(IntranetDbContext db, CancellationToken cancellationToken)
    {
        const int batchSize = 2000;
        var strategy = db.Database.CreateExecutionStrategy();
        var filled = 0;
        var afterId = 0;
        while (true)
        {
            var lastId = afterId;
            var batch = await db.Retirees.AsNoTracking()
                .Where(r => r.NamePinyin == "" && r.Id > lastId)
                .OrderBy(r => r.Id)
                .Take(batchSize)
                .Select(r => new { r.Id, r.Name })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return filled;
            }

            // One transaction per batch: row-by-row updates are cheap inside one, slow as separate commits.
            await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                foreach (var row in batch)
                {
                    var id = row.Id;
                    var keys = Retiree.NameKeys(row.Name);
                    await db.Retirees.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.NamePinyin, keys.SortKey)
                        .SetProperty(r => r.NameInitials, keys.Initials)
                        .SetProperty(r => r.NamePinyinCompact, keys.Compact), ct);
                }

                await transaction.CommitAsync(ct);
            }, cancellationToken);

            filled += batch.Count;
            afterId = batch[^1].Id;
        }
    }
}
