using Intranet.Domain.Accounts;
using Intranet.Domain.Register;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Register;
using Intranet.Web.Register.Rosters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Intranet.Tests.Register.Rosters;

/// <summary>The printed rosters and the list's age bands, per role, over the real app and database.</summary>
public sealed class RosterTests : IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task The_list_filters_by_age_band_and_status_and_keeps_the_band_in_its_address()
    {
        Unit unit;
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            unit = make.Unit();
            foreach (var (name, age) in new[] { ("六十五", 65), ("七十", 70), ("七十九", 79), ("八十五", 85), ("九十五", 95), ("一百零一", 101) })
            {
                make.Retiree(unit, name, configure: r => r.BirthDate = Today.AddYears(-age).AddDays(-1));
            }

            make.Retiree(unit, "已故七十五", configure: r => (r.BirthDate, r.IsDeceased, r.DeathDate) = (Today.AddYears(-75), true, Today.AddYears(-1)));
        }

        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var queries = scope.ServiceProvider.GetRequiredService<RegisterQueries>();
        async Task<string[]> NamesAsync(AgeBand band, LifeStatus status = LifeStatus.Alive) =>
            [.. (await queries.ListAsync(new RetireeFilter { UnitId = unit.Id, Age = band, Status = status }, new PageRequest(0, 50))).Items.Select(i => i.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(["六十五"], await NamesAsync(AgeBand.Sixties));
        Assert.Equal(["七十", "七十九"], await NamesAsync(AgeBand.Seventies));
        Assert.Equal(["八十五"], await NamesAsync(AgeBand.Eighties));
        Assert.Equal(["一百零一", "九十五"], await NamesAsync(AgeBand.NinetyPlus));
        Assert.Equal(["一百零一"], await NamesAsync(AgeBand.HundredPlus));
        Assert.Equal(["已故七十五"], await NamesAsync(AgeBand.Seventies, LifeStatus.Deceased));
        Assert.Equal(["七十", "七十九", "已故七十五"], await NamesAsync(AgeBand.Seventies, LifeStatus.All));

        var filter = new RetireeFilter { UnitId = unit.Id, Age = AgeBand.HundredPlus, Status = LifeStatus.Deceased };
        Assert.Equal(filter, RetireeFilter.FromQuery(filter.ToQuery().Select(p => KeyValuePair.Create(p.Key, new StringValues(p.Value)))));
        Assert.Null(RetireeFilter.FromQuery([KeyValuePair.Create("age", new StringValues("65"))]).Age);
    }

    [Fact]
    public async Task The_double_ninth_roster_puts_the_living_aged_seventy_and_over_on_the_day_in_cohorts_unit_by_unit()
    {
        var day = RosterQueries.DoubleNinthOf(Today.Year);
        Unit first, second;
        using (var db = App.Database.CreateContext())
        {
            var make = new RegisterBuilder(db);
            first = make.Unit("重阳甲校");
            second = make.Unit("重阳乙校");
            foreach (var (name, age, unit) in new[] { ("九十二", 92, first), ("九十", 90, first), ("八十七", 87, first), ("七十一", 71, first), ("八十", 80, second), ("七十七", 77, second) })
            {
                make.Retiree(unit, name, configure: r => r.BirthDate = day.AddYears(-age));
            }

            // Turns 70 the day after the festival; under 70; dead.
            make.Retiree(first, "六十九", configure: r => r.BirthDate = day.AddYears(-70).AddDays(1));
            make.Retiree(first, "六十五", configure: r => r.BirthDate = day.AddYears(-65));
            make.Retiree(first, "已故八十", configure: r => (r.BirthDate, r.IsDeceased, r.DeathDate) = (day.AddYears(-80), true, Today.AddDays(-3)));
        }

        await using var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]);
        var rosters = scope.ServiceProvider.GetRequiredService<RosterQueries>();
        var roster = await rosters.DoubleNinthAsync(null, null, RosterBreak.Unit);

        var sections = roster.Sections.Where(s => s.Title.StartsWith("重阳", StringComparison.Ordinal)).ToList();
        Assert.Equal(["重阳甲校", "重阳乙校"], sections.Select(s => s.Title));
        Assert.Equal(
            [("90岁及以上", "九十二,九十"), ("85–89岁", "八十七"), ("70–74岁", "七十一")],
            sections[0].Parts.Select(p => (p.Heading!, string.Join(",", p.Rows.OrderByDescending(r => r.Age).Select(r => r.Name)))));
        Assert.Equal([("80–84岁", "八十"), ("75–79岁", "七十七")], sections[1].Parts.Select(p => (p.Heading!, string.Join(",", p.Rows.Select(r => r.Name)))));
        Assert.Equal(90, sections[0].Parts[0].Rows.Single(r => r.Name == "九十").Age);
    }

    [Fact]
    public async Task Rosters_carry_numbers_masked_as_each_role_sees_them_and_a_group_leader_only_their_group()
    {
        await using (var scope = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            var rosters = scope.ServiceProvider.GetRequiredService<RosterQueries>();
            var roster = await rosters.ListAsync(new RetireeFilter { UnitId = _world.UnitA.Id }, rosters.AllowedColumns(), RosterBreak.Unit);
            var row = roster.Sections.Single().Parts.Single().Rows.Single(r => r.Id == _world.InGroupA.Id);
            Assert.Equal("139****2222", row.MaskedPhone);
            Assert.Equal(ResidentIdNumber.Mask(_world.InGroupA.IdNumber), row.MaskedIdNumber);
            Assert.Contains(RosterColumn.IdNumber, rosters.AllowedColumns());
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.GroupLeader]))
        {
            var rosters = scope.ServiceProvider.GetRequiredService<RosterQueries>();
            Assert.DoesNotContain(RosterColumn.IdNumber, rosters.AllowedColumns());
            var roster = await rosters.ListAsync(new RetireeFilter(), [RosterColumn.IdNumber, RosterColumn.Phone], RosterBreak.Group);
            var row = Assert.Single(roster.Sections.SelectMany(s => s.Parts).SelectMany(p => p.Rows));
            Assert.Equal((_world.InGroupA.Id, (string?)null, "139****2222"), (row.Id, row.MaskedIdNumber, row.MaskedPhone));

            var (name, contacts) = await rosters.GroupContactsAsync(_world.GroupA.Id);
            Assert.StartsWith("甲单位石室小学 · 甲一组", name, StringComparison.Ordinal);
            Assert.Equal([_world.InGroupA.Id], contacts.Sections.SelectMany(s => s.Parts).SelectMany(p => p.Rows).Select(r => r.Id));
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.UnitOfficer]))
        {
            var rosters = scope.ServiceProvider.GetRequiredService<RosterQueries>();
            var roster = await rosters.ListAsync(new RetireeFilter { UnitId = _world.UnitB.Id }, [RosterColumn.Phone], RosterBreak.Unit);
            Assert.Empty(roster.Sections);
            Assert.Null((await rosters.GroupContactsAsync(_world.GroupA.Id + 1000)).GroupName);
        }

        await using (var scope = await App.ScopeForAsync(_world[UserRole.Leadership]))
        {
            var rosters = scope.ServiceProvider.GetRequiredService<RosterQueries>();
            Assert.DoesNotContain(RosterColumn.Phone, rosters.AllowedColumns());
            var roster = await rosters.ListAsync(new RetireeFilter(), [RosterColumn.IdNumber, RosterColumn.Phone], RosterBreak.Unit);
            Assert.All(roster.Sections.SelectMany(s => s.Parts).SelectMany(p => p.Rows), r => Assert.Equal((null, null), (r.MaskedIdNumber, r.MaskedPhone)));
        }
    }

    [Theory]
    [InlineData(UserRole.GroupLeader, "/register/roster/group")]
    [InlineData(UserRole.GroupLeader, "/register/roster?cols=IdNumber,Phone,Gender")]
    [InlineData(UserRole.UnitOfficer, "/register/roster?cols=IdNumber,Phone,Gender")]
    [InlineData(UserRole.DistrictStaff, "/register/roster/double-ninth")]
    [InlineData(UserRole.Leadership, "/register/roster?cols=IdNumber,Phone")]
    public async Task A_printed_page_never_holds_a_full_number(UserRole role, string path)
    {
        using (var db = App.Database.CreateContext())
        {
            var person = await db.Retirees.FindAsync(_world.InGroupA.Id);
            person!.BirthDate = RosterQueries.DoubleNinthOf(Today.Year).AddYears(-80);
            await db.SaveChangesAsync();
        }

        using var client = await App.SignedInClientAsync(_world[role]);
        var html = await client.GetStringAsync(path);

        Assert.Contains("甲组成员", html, StringComparison.Ordinal);
        Assert.DoesNotContain("13911112222", html, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.InGroupA.IdNumber, html, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.InGroupA.IdNumber[6..], html, StringComparison.Ordinal);
        if (role == UserRole.Leadership)
        {
            Assert.DoesNotContain("139****2222", html, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("139****2222", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_group_outside_the_scope_shows_nothing_and_the_attempt_is_logged_once()
    {
        RetireeGroup other;
        using (var db = App.Database.CreateContext())
        {
            other = new RegisterBuilder(db).Group(_world.UnitB, "乙单位一组");
            new RegisterBuilder(db).Retiree(_world.UnitB, "乙组成员", configure: r => r.GroupId = other.Id);
        }

        using var client = await App.SignedInClientAsync(_world[UserRole.UnitOfficer]);
        var html = await client.GetStringAsync($"/register/roster/group/{other.Id}");

        Assert.DoesNotContain("乙组成员", html, StringComparison.Ordinal);
        using var check = App.Database.CreateContext();
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == Intranet.Domain.Audit.AuditAction.AccessDenied
            && a.EntityType == nameof(RetireeGroup) && a.EntityId == other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_duplicates_and_merge_pages_show_numbers_masked_only()
    {
        Retiree copy;
        using (var db = App.Database.CreateContext())
        {
            copy = new RegisterBuilder(db).Retiree(_world.UnitA, _world.InUnitA.Name, configure: r => (r.BirthDate, r.Phone) = (_world.InUnitA.BirthDate, "13900007777"));
        }

        using var client = await App.SignedInClientAsync(_world[UserRole.UnitOfficer]);
        var list = await client.GetStringAsync("/register/duplicates");
        var merge = await client.GetStringAsync($"/register/merge?keep={_world.InUnitA.Id}&other={copy.Id}");

        Assert.Contains("姓名和出生日期相同", list, StringComparison.Ordinal);
        Assert.Contains("139****7777", merge, StringComparison.Ordinal);
        foreach (var html in new[] { list, merge })
        {
            Assert.Contains(ResidentIdNumber.Mask(copy.IdNumber), html, StringComparison.Ordinal);
            Assert.DoesNotContain(copy.IdNumber, html, StringComparison.Ordinal);
            Assert.DoesNotContain(_world.InUnitA.IdNumber, html, StringComparison.Ordinal);
            Assert.DoesNotContain("13900007777", html, StringComparison.Ordinal);
            Assert.DoesNotContain("13933334444", html, StringComparison.Ordinal);
        }
    }
}
