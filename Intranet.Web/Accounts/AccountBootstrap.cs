using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Intranet.Web.Accounts;

/// <summary>
/// Makes the first administrator when there is none (from configuration, password to be changed at first
/// sign-in), and while demo data is on, one demo account per role. Runs after the database is migrated.
/// </summary>
internal sealed class AccountBootstrap(
    IServiceProvider services,
    IOptions<AccountOptions> accounts,
    IOptions<DemoDataOptions> demo,
    ILogger<AccountBootstrap> logger) : IHostedService
{
    public static readonly IReadOnlyList<(string UserName, string DisplayName, UserRole Role)> DemoAccounts =
    [
        ("staff", "李文华（区退管会）", UserRole.DistrictStaff),
        ("officer", "王老师（单位退管干部）", UserRole.UnitOfficer),
        ("groupleader", "赵组长（退休小组长）", UserRole.GroupLeader),
        ("leader", "陈主任（领导）", UserRole.Leadership),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<IntranetDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        if (!await db.Users.AnyAsync(u => u.Role == UserRole.Administrator, cancellationToken))
        {
            var admin = accounts.Value.BootstrapAdmin;
            if (string.IsNullOrEmpty(admin.Password))
            {
                logger.LogWarning("There is no administrator account. Set Accounts:BootstrapAdmin:Password (e.g. the environment variable Accounts__BootstrapAdmin__Password) and restart to create '{UserName}'.", admin.UserName);
            }
            else
            {
                await CreateAsync(users, new AppUser
                {
                    UserName = admin.UserName,
                    NormalizedUserName = string.Empty,
                    DisplayName = admin.DisplayName,
                    Role = UserRole.Administrator,
                    MustChangePassword = true,
                }, admin.Password);
                logger.LogInformation("Created the first administrator account '{UserName}'; its password must be changed at first sign-in.", admin.UserName);
            }
        }

        if (demo.Value.Enabled && !await db.Users.AnyAsync(u => u.Role != UserRole.Administrator, cancellationToken))
        {
            await CreateDemoAccountsAsync(db, users, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CreateDemoAccountsAsync(IntranetDbContext db, UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        // The officer and the group leader get the demo's largest unit and one of its groups, so they have people to see.
        var unitId = await db.Retirees.GroupBy(r => r.UnitId).OrderByDescending(g => g.Count()).Select(g => (int?)g.Key).FirstOrDefaultAsync(cancellationToken);
        var groupId = unitId is null ? null : await db.RetireeGroups.Where(g => g.UnitId == unitId).OrderBy(g => g.Id).Select(g => (int?)g.Id).FirstOrDefaultAsync(cancellationToken);

        // The group leader's account is the person the group shows as its leader, not a stranger of the same role.
        var leaderName = groupId is null ? null
            : await db.RetireeGroups.Where(g => g.Id == groupId).Select(g => g.Leader == null ? null : g.Leader.Name).FirstOrDefaultAsync(cancellationToken);

        foreach (var (userName, displayName, role) in DemoAccounts)
        {
            var user = new AppUser
            {
                UserName = userName,
                NormalizedUserName = string.Empty,
                DisplayName = role == UserRole.GroupLeader && leaderName is not null ? $"{leaderName}（组长）" : displayName,
                Role = role,
                UnitId = role is UserRole.UnitOfficer or UserRole.GroupLeader ? unitId : null,
                GroupId = role is UserRole.GroupLeader ? groupId : null,
            };
            await CreateAsync(users, user, accounts.Value.DemoPassword);
        }

        logger.LogInformation("Created {Count} demo accounts.", DemoAccounts.Count);
    }

    private static async Task CreateAsync(UserManager<AppUser> users, AppUser user, string password)
    {
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create account '{user.UserName}': {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
