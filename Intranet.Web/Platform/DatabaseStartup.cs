using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Register.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Intranet.Web.Platform;

/// <summary>
/// Brings the database up to date before the app serves anyone, then seeds the demo register into an
/// empty database when configuration asks for it. Hosted services start before Kestrel listens.
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

        if (demo.Value.Enabled && !await db.Units.AnyAsync(cancellationToken))
        {
            var today = DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);
            db.AuditTrailEnabled = false;
            await DemoRegisterGenerator.SeedAsync(db, new DemoRegisterOptions(demo.Value.RetireeCount, demo.Value.Seed), today, cancellationToken);
            logger.LogInformation("Seeded the demo register with {Count} retirees.", demo.Value.RetireeCount);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
