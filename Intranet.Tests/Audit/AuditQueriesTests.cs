using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Intranet.Tests.Support;
using Intranet.Web.Audit;

namespace Intranet.Tests.Audit;

public sealed class AuditQueriesTests : IDisposable
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly TestDatabase _database = new TestDatabase().Migrated();
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero), Shanghai);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Filters_by_user_person_day_type_and_action_newest_first()
    {
        var (retiree, _) = MakeHistory();
        var queries = QueriesFor(UserRole.Administrator);

        var all = await queries.ListAsync(new AuditFilter(), 0, 50);
        Assert.Equal(all.TotalCount, all.Items.Count);
        Assert.Equal(all.Items.OrderByDescending(l => l.LocalTime).ThenByDescending(l => l.Id).Select(l => l.Id), all.Items.Select(l => l.Id));

        // Login names are matched in any case.
        var wang = await queries.ListAsync(new AuditFilter { UserName = "CLERK" }, 0, 50);
        Assert.NotEmpty(wang.Items);
        Assert.All(wang.Items, l => Assert.Equal("Clerk.Wang", l.UserName));
        Assert.Equal([AuditAction.SignInFailed, AuditAction.Create, AuditAction.Create], wang.Items.Select(l => l.Action));

        // The retiree's present name finds the lines written under her earlier one.
        var zhang = await queries.ListAsync(new AuditFilter { Person = "张桂兰" }, 0, 50);
        Assert.Equal([AuditAction.Update, AuditAction.Create], zhang.Items.Select(l => l.Action));
        Assert.All(zhang.Items, l => Assert.Equal(retiree.Id, l.RetireeId));

        // A deleted retiree is still found by the name her lines were written under.
        var li = await queries.ListAsync(new AuditFilter { Person = "李秀英" }, 0, 50);
        Assert.Equal([AuditAction.Delete, AuditAction.Create], li.Items.Select(l => l.Action));

        // Local days: 2026-11-21 17:30 UTC is 01:30 on the 22nd in the office.
        var rename = Assert.Single((await queries.ListAsync(new AuditFilter { From = new(2026, 11, 22), To = new(2026, 11, 22), EntityType = nameof(Retiree), Action = AuditAction.Update }, 0, 50)).Items);
        Assert.Equal("2026-11-22 01:30:00", rename.LocalTime);
        Assert.Contains("姓名: 张桂芳 → 张桂兰", rename.Summary, StringComparison.Ordinal);
        Assert.Empty((await queries.ListAsync(new AuditFilter { To = new(2026, 11, 21), Action = AuditAction.Update }, 0, 50)).Items);
        Assert.All((await queries.ListAsync(new AuditFilter { From = new(2026, 11, 22) }, 0, 50)).Items, l => Assert.StartsWith("2026-11-22", l.LocalTime, StringComparison.Ordinal));

        var units = await queries.ListAsync(new AuditFilter { EntityType = nameof(Unit) }, 0, 50);
        Assert.Equal("单位 · 石室中学", Assert.Single(units.Items).Target);

        var failed = Assert.Single((await queries.ListAsync(new AuditFilter { Action = AuditAction.SignInFailed }, 0, 50)).Items);
        Assert.Equal("密码错误", failed.Summary);
        Assert.Equal("登录失败", failed.ActionLabel);
    }

    [Fact]
    public async Task Pages_on_the_server_and_counts_every_match()
    {
        using (var db = Context(new SystemUser()))
        {
            for (var i = 0; i < 45; i++)
            {
                db.AuditEntries.Add(new AuditEntry { At = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i), UserName = "pager", Action = AuditAction.SignIn, Details = $"#{i}" });
            }

            db.SaveChanges();
        }

        var queries = QueriesFor(UserRole.Administrator);
        var second = await queries.ListAsync(new AuditFilter { UserName = "pager" }, 20, 20);

        Assert.Equal(45, second.TotalCount);
        Assert.Equal(Enumerable.Range(5, 20).Reverse().Select(i => $"#{i}"), second.Items.Select(l => l.Details));
    }

    [Fact]
    public async Task Offers_the_known_object_types_and_any_other_the_log_holds()
    {
        using (var db = Context(new SystemUser()))
        {
            db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, Action = AuditAction.Create, EntityType = "VisitRecord", EntityId = "1" });
            db.SaveChanges();
        }

        var types = await QueriesFor(UserRole.Administrator).EntityTypesAsync();

        // Every type that declares its name, in the declared order (each area's types together), then what else the log holds.
        Assert.Equal([.. AuditText.KnownEntityTypes.Select(AuditText.EntityTypeLabel), "VisitRecord"], types.Select(t => t.Label));
        Assert.Equal(["退休教工", "单位", "退休小组", "退休支部"], types.Take(4).Select(t => t.Label));
        Assert.Contains("帮扶个案", types.Select(t => t.Label));
    }

    [Theory]
    [InlineData(UserRole.DistrictStaff)]
    [InlineData(UserRole.UnitOfficer)]
    [InlineData(UserRole.GroupLeader)]
    [InlineData(UserRole.Leadership)]
    public async Task Refuses_everyone_but_administrators(UserRole role)
    {
        MakeHistory();
        var queries = QueriesFor(role, unitId: 1, groupId: 1);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queries.ListAsync(new AuditFilter(), 0, 20));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queries.EntityTypesAsync());
    }

    [Fact]
    public async Task Refuses_a_caller_who_is_not_signed_in()
    {
        var anonymous = new Web.Accounts.CurrentUser(new Microsoft.AspNetCore.Http.HttpContextAccessor());
        var queries = new AuditQueries(_database.Factory(), anonymous, _clock);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queries.ListAsync(new AuditFilter(), 0, 20));
    }

    /// <summary>A unit and retirees made, changed and deleted by people at known times, and sign-in lines beside them.</summary>
    private (Retiree Retiree, Unit Unit) MakeHistory()
    {
        // Plain authors, not CurrentUser: that one reads the ambient HttpContext, which the last one made wins.
        var wang = new Author("Clerk.Wang");
        var li = new Author("li");

        _clock.Now = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
        Unit unit;
        Retiree retiree;
        using (var db = Context(wang))
        {
            var make = new RegisterBuilder(db);
            unit = make.Unit("石室中学");
            retiree = make.Retiree(unit, "张桂芳");
        }

        _clock.Now = new DateTimeOffset(2026, 11, 21, 17, 30, 0, TimeSpan.Zero);
        using (var db = Context(li))
        {
            var tracked = db.Retirees.Single(r => r.Id == retiree.Id);
            tracked.Name = "张桂兰";
            db.SaveChanges();
        }

        _clock.Now = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
        using (var db = Context(li))
        {
            var gone = new RegisterBuilder(db).Retiree(unit, "李秀英");
            db.Retirees.Remove(gone);
            db.SaveChanges();

            db.AuditEntries.Add(new AuditEntry { At = _clock.Now.UtcDateTime, UserName = "admin1", Action = AuditAction.SignIn, IpAddress = "10.0.0.8" });
            db.AuditEntries.Add(new AuditEntry { At = _clock.Now.UtcDateTime.AddMinutes(1), UserName = "Clerk.Wang", Action = AuditAction.SignInFailed, Details = "密码错误" });
            db.SaveChanges();
        }

        return (retiree, unit);
    }

    private IntranetDbContext Context(ICurrentUser user) => new(_database.Options(user, _clock));

    private sealed record Author(string UserName) : ICurrentUser;

    private AuditQueries QueriesFor(UserRole role, int? unitId = null, int? groupId = null) =>
        new(_database.Factory(), TestAccounts.CurrentUserFor(role, unitId, groupId), _clock);
}
