using Intranet.Domain.Accounts;
using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Domain.Register.Demo;
using Intranet.Web.Accounts;
using Intranet.Web.Audit;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Platform.Live;
using Intranet.Web.Register;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace Intranet.Benchmarks;

/// <summary>A migrated SQLite file with the demo register at the asked size, and the register's reads over it.</summary>
internal sealed class RegisterBench : IDisposable
{
    private readonly string _path;
    private readonly ContextFactory _factory;
    private readonly ListCounts _counts = new(
        new ChangeFeed(Microsoft.Extensions.Options.Options.Create(new ChangeFeedOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ChangeFeed>.Instance),
        TimeProvider.System);
    private int _unitId;
    private int _retireeId;

    private RegisterBench(string path)
    {
        _path = path;
        _factory = new ContextFactory(new DbContextOptionsBuilder<IntranetDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path }.ToString())
            .AddInterceptors(new AuditableEntityInterceptor(new SystemUser(), TimeProvider.System))
            .Options);
    }

    public TimeSpan SeedTime { get; private set; }

    public long DatabaseBytes => new FileInfo(_path).Length + (File.Exists(_path + "-wal") ? new FileInfo(_path + "-wal").Length : 0);

    public static async Task<RegisterBench> CreateAsync(int retirees)
    {
        var bench = new RegisterBench(Path.Combine(Path.GetTempPath(), $"intranet-bench-{Guid.NewGuid():N}.db"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var db = bench._factory.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            db.AuditTrailEnabled = false;
            await DemoRegisterGenerator.SeedAsync(db, new DemoRegisterOptions(retirees), DateOnly.FromDateTime(DateTime.Today));
            await db.Database.ExecuteSqlRawAsync("ANALYZE"); // as the app's start-up does
            bench._unitId = await db.Retirees.GroupBy(r => r.UnitId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            bench._retireeId = await db.Retirees.OrderBy(r => r.Id).Skip(retirees / 2).Select(r => r.Id).FirstAsync();
        }

        bench.SeedTime = watch.Elapsed;
        return bench;
    }

    /// <summary>
    /// Start-up's filling in of every retiree's pinyin keys, as after the migration that added them. Run after the
    /// scenarios: rewriting every row leaves the file warmer, which would flatter the baseline.
    /// </summary>
    public async Task<TimeSpan> TimeNameKeysBackfillAsync()
    {
        await using var db = _factory.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("UPDATE Retirees SET NamePinyin = '', NameInitials = '', NamePinyinCompact = ''");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Web.Platform.DatabaseStartup.BackfillNameKeysAsync(db, CancellationToken.None);
        return watch.Elapsed;
    }

    public IEnumerable<(string Name, Func<Task> Run)> Scenarios()
    {
        var staff = Queries(UserRole.DistrictStaff, null);
        var officer = Queries(UserRole.UnitOfficer, _unitId);
        var first = new PageRequest(0, 20);

        yield return ("baseline: one retiree by primary key", async () =>
        {
            await using var db = _factory.CreateDbContext();
            await db.Retirees.AsNoTracking().Where(r => r.Id == _retireeId).Select(r => r.Name).FirstAsync();
        });
        yield return ("detail page: one retiree with unit, group, branch (staff)", () => staff.GetAsync(_retireeId));
        yield return List("list: first page + count, everyone alive (staff)", staff, new RetireeFilter(), first);
        yield return List("list: first page, everyone alive, opened again (count shared) (staff)", staff, new RetireeFilter(), first, shared: true);
        yield return List("list: first page + count, own unit (officer)", officer, new RetireeFilter(), first);
        yield return List("list: page 200, sorted by age (staff)", staff, new RetireeFilter(), new PageRequest(4000, 20, "Age"));
        var everyone = staff.ListAsync(new RetireeFilter(), first).GetAwaiter().GetResult().TotalCount;
        yield return List("list: page 200, sorted by age, total known from the click before (staff)", staff, new RetireeFilter(), new PageRequest(4000, 20, "Age", KnownTotal: everyone));

        // The same pages in raw SQL, for the ratio a list click is held to.
        yield return Raw("raw SQL: page 200, sorted by age, everyone alive", "ORDER BY r.BirthDate DESC, r.Id LIMIT 20 OFFSET 4000");
        yield return List("list: page 2,500 in the default order, total known (staff)", staff, new RetireeFilter(), new PageRequest(50_000, 20, KnownTotal: everyone));
        yield return Raw("raw SQL: page 2,500 in the default order", "ORDER BY u.SortOrder, u.Id, r.NamePinyin, r.Name, r.Id LIMIT 20 OFFSET 50000");
        yield return List("list: page 1 in the default order, total known (staff)", staff, new RetireeFilter(), new PageRequest(0, 20, KnownTotal: everyone));
        yield return List("list: name contains 王 (staff)", staff, new RetireeFilter { NameOrId = "王" }, first);
        yield return List("list: pinyin initials wxy (staff)", staff, new RetireeFilter { NameOrId = "wxy" }, first);
        yield return List("list: full pinyin wangxiuying (staff)", staff, new RetireeFilter { NameOrId = "wangxiuying" }, first);
        yield return List("list: ID number prefix (staff)", staff, new RetireeFilter { NameOrId = "510105195" }, first);
        yield return List("list: living alone (staff)", staff, new RetireeFilter { Care = new CareFilter(CareCategories.LivingAlone, false) }, first);
        yield return List("list: very old, 80+ (staff)", staff, new RetireeFilter { Care = CareFilter.VeryOldPeople }, first);
        yield return ("filters: unit and group choices (staff)", async () =>
        {
            await staff.UnitChoicesAsync(null, null);
            await staff.GroupChoicesAsync(null, null, null);
        });
    }

    private (string, Func<Task>) Raw(string name, string orderAndPage) => (name, async () =>
    {
        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"""
            SELECT r.Id, r.Name, r.Gender, r.BirthDate, u.Name, g.Name, b.Name, r.IdNumber, r.Phone, r.CareCategories, r.IsDeceased, r.DeathDate
            FROM Retirees r JOIN Units u ON u.Id = r.UnitId LEFT JOIN RetireeGroups g ON g.Id = r.GroupId LEFT JOIN PartyBranches b ON b.Id = r.PartyBranchId
            WHERE NOT r.IsDeceased {orderAndPage}
            """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    });

    /// <summary>Each run counts afresh, as the first open of a filter does; <paramref name="shared"/> keeps the count the runs before left.</summary>
    private (string, Func<Task>) List(string name, RegisterQueries queries, RetireeFilter filter, PageRequest page, bool shared = false)
    {
        var matched = queries.ListAsync(filter, page).GetAwaiter().GetResult().TotalCount;
        return ($"{name} — {matched:N0} match", () =>
        {
            if (!shared)
            {
                _counts.Forget();
            }

            return queries.ListAsync(filter, page);
        });
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    private RegisterQueries Queries(UserRole role, int? unitId)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "bench"), new(ClaimTypes.Role, role.ToString()) };
        if (unitId is { } unit)
        {
            claims.Add(new Claim(IntranetClaims.UnitId, unit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // As a circuit's user: HttpContextAccessor's value is shared by the whole async flow.
        var user = new CurrentUser(new HttpContextAccessor());
        user.SetCircuitUser(new ClaimsPrincipal(new ClaimsIdentity(claims, "bench")));
        return new RegisterQueries(_factory, user, new AuditLog(_factory, user, TimeProvider.System), TimeProvider.System, _counts);
    }

    private sealed class ContextFactory(DbContextOptions<IntranetDbContext> options) : IDbContextFactory<IntranetDbContext>
    {
        public IntranetDbContext CreateDbContext() => new(options);
    }
}
