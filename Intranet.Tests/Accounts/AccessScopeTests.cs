using System.Security.Claims;
using Intranet.Domain.Accounts;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Intranet.Tests.Support;
using Intranet.Web.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Accounts;

/// <summary>One generic filter for every record type, by what the type declares.</summary>
public sealed class AccessScopeTests
{
    private static readonly Retiree InGroup = new() { Id = 1, Name = "甲", IdNumber = "1", UnitId = 10, GroupId = 100 };
    private static readonly Retiree InUnit = new() { Id = 2, Name = "乙", IdNumber = "2", UnitId = 10 };
    private static readonly Retiree Elsewhere = new() { Id = 3, Name = "丙", IdNumber = "3", UnitId = 20, GroupId = 200 };

    public static TheoryData<string, int[]> Scopes => new()
    {
        { "all", [1, 2, 3] },
        { "system", [1, 2, 3] },
        { "unit", [1, 2] },
        { "group", [1] },
        { "none", [] },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public void Records_about_a_retiree_follow_the_retiree(string scope, int[] visible)
    {
        var visits = new[] { InGroup, InUnit, Elsewhere }.Select(r => new Visit { RetireeId = r.Id, Retiree = r }).AsQueryable();

        Assert.Equal(visible, Of(scope).Apply(visits).Select(v => v.RetireeId).ToArray());
    }

    [Theory]
    [InlineData("all", new[] { 10, 20 })]
    [InlineData("unit", new[] { 10 })]
    [InlineData("group", new int[0])]
    public void Unit_records_are_seen_by_their_unit_and_not_by_a_group_leader(string scope, int[] visible)
    {
        var plans = new[] { new UnitPlan { UnitId = 10 }, new UnitPlan { UnitId = 20 } }.AsQueryable();

        Assert.Equal(visible, Of(scope).Apply(plans).Select(p => p.UnitId).ToArray());
    }

    [Fact]
    public void A_type_that_declares_no_scope_is_refused_not_shown_to_everyone() =>
        Assert.Throws<InvalidOperationException>(() => AccessScope.Everything.Apply(new[] { new Undeclared() }.AsQueryable()));

    [Fact]
    public void No_sign_in_reaches_the_system_scope()
    {
        foreach (var role in Enum.GetValues<UserRole>())
        {
            Assert.NotEqual(ScopeKind.System, AccessScope.For(role, 1, 1).Kind);
            var forged = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role.ToString()), new Claim(ClaimTypes.Role, "System")], "test"));
            Assert.NotEqual(ScopeKind.System, forged.Scope().Kind);
        }

        var system = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "4")], "test"));
        Assert.Equal(ScopeKind.None, system.Scope().Kind);
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task The_filter_runs_in_sql_on_the_register(string scope, int[] visible)
    {
        using var database = new TestDatabase().Migrated();
        await using var db = database.CreateContext();
        var make = new RegisterBuilder(db);
        var unitA = make.Unit();
        var unitB = make.Unit();
        var group = make.Group(unitA);
        var people = new[]
        {
            make.Retiree(unitA, "组内", configure: r => r.GroupId = group.Id),
            make.Retiree(unitA, "单位内"),
            make.Retiree(unitB, "别处"),
        };
        var actual = Of(scope, unitA.Id, group.Id);

        var names = await actual.Apply(db.Retirees.AsNoTracking()).OrderBy(r => r.Id).Select(r => r.Name).ToListAsync();

        Assert.Equal(visible.Select(i => people[i - 1].Name), names);
    }

    private static AccessScope Of(string scope, int unit = 10, int group = 100) => scope switch
    {
        "all" => AccessScope.Everything,
        "system" => AccessScope.System,
        "unit" => AccessScope.Unit(unit),
        "group" => AccessScope.Group(group),
        _ => AccessScope.Nothing,
    };

    private sealed class Visit : IRetireeScoped
    {
        public int RetireeId { get; init; }

        public Retiree Retiree { get; init; } = default!;
    }

    private sealed class UnitPlan : IUnitScoped
    {
        public int UnitId { get; init; }
    }

    private sealed class Undeclared;
}
