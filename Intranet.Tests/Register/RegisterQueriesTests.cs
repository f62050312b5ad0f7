using Intranet.Domain.Register;
using Intranet.Tests.Support;
using Intranet.Web.Platform.Lists;
using Intranet.Web.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Register;

public sealed class RegisterQueriesTests : IDisposable
{
    private readonly TestDatabase _database = new TestDatabase().Migrated();
    private readonly RegisterQueries _queries;

    public RegisterQueriesTests()
    {
        var user = TestAccounts.CurrentUserFor(Domain.Accounts.UserRole.DistrictStaff);
        var clock = FixedClock.On(RegisterBuilder.Today);
        _queries = new RegisterQueries(_database.Factory(), user, new Web.Audit.AuditLog(_database.Factory(), user, clock), clock, ComponentRenderer.NewListCounts());
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Filters_by_unit_group_branch_and_care_category()
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var school = make.Unit("石室中学");
        var kindergarten = make.Unit("第一幼儿园", UnitKind.Kindergarten);
        var group = make.Group(school, "第1小组");
        var branch = make.Branch("退休第一支部");
        make.Retiree(school, "张桂芳", configure: r => { r.GroupId = group.Id; r.PartyBranchId = branch.Id; });
        make.Retiree(school, "李秀英", configure: r => r.CareCategories = CareCategories.LivingAlone | CareCategories.EmptyNest);
        make.Retiree(kindergarten, "王淑珍", configure: r => r.CareCategories = CareCategories.LivingAlone);
        make.Retiree(kindergarten, "刘建国", age: 85, gender: Gender.Male);

        Assert.Equal(["张桂芳", "李秀英"], await NamesAsync(new RetireeFilter { UnitId = school.Id }));
        Assert.Equal(["张桂芳"], await NamesAsync(new RetireeFilter { GroupId = group.Id }));
        Assert.Equal(["张桂芳"], await NamesAsync(new RetireeFilter { PartyBranchId = branch.Id }));
        Assert.Equal(["李秀英", "王淑珍"], await NamesAsync(new RetireeFilter { Care = new CareFilter(CareCategories.LivingAlone, false) }));
        Assert.Equal(["李秀英"], await NamesAsync(new RetireeFilter { Care = new CareFilter(CareCategories.EmptyNest, false) }));
        Assert.Equal(["刘建国"], await NamesAsync(new RetireeFilter { Care = CareFilter.VeryOldPeople }));
    }

    [Fact]
    public async Task Pickers_read_a_few_dozen_matching_choices_and_always_the_chosen_one()
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var units = Enumerable.Range(1, 120).Select(i => make.Unit($"城区第{i:000}学校")).ToList();

        var first = await _queries.UnitChoicesAsync(null, units[^1].Id);
        Assert.Equal(ChoiceQueries.Limit + 1, first.Count);
        Assert.Equal(units[^1].Id, first[0].Id);

        var typed = await _queries.UnitChoicesAsync("第11", null);
        Assert.Equal(["城区第110学校", "城区第111学校", "城区第112学校", "城区第113学校", "城区第114学校", "城区第115学校", "城区第116学校", "城区第117学校", "城区第118学校", "城区第119学校"],
            typed.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_name_search_lists_the_closest_matches_first()
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var first = make.Unit();
        var second = make.Unit();
        make.Retiree(first, "王芳华");
        make.Retiree(second, "王芳");

        Assert.Equal(["王芳", "王芳华"], await NamesAsync(new RetireeFilter { NameOrId = "王芳" }));
    }

    [Fact]
    public async Task Searches_by_name_or_id_number_and_hides_the_deceased_unless_asked()
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var school = make.Unit();
        var alive = make.Retiree(school, "陈玉兰");
        make.Retiree(school, "陈志强", gender: Gender.Male, configure: r => { r.IsDeceased = true; r.DeathDate = new DateOnly(2026, 3, 1); });
        make.Retiree(school, "周明");

        Assert.Equal(["陈玉兰"], await NamesAsync(new RetireeFilter { NameOrId = "陈" }));
        Assert.Equal(["陈志强"], await NamesAsync(new RetireeFilter { NameOrId = "陈", Status = LifeStatus.Deceased }));
        Assert.Equal(["陈志强", "陈玉兰"], await NamesAsync(new RetireeFilter { NameOrId = " 陈 ", Status = LifeStatus.All }));
        Assert.Equal(["陈玉兰"], await NamesAsync(new RetireeFilter { NameOrId = alive.IdNumber }));
    }

    [Fact]
    public async Task Pages_and_sorts_on_the_server()
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var school = make.Unit();
        make.Retirees(school, 45);

        var first = await _queries.ListAsync(new RetireeFilter { UnitId = school.Id }, new PageRequest(0, 20, "Name"));
        var third = await _queries.ListAsync(new RetireeFilter { UnitId = school.Id }, new PageRequest(40, 20, "Name"));
        var oldestFirst = await _queries.ListAsync(new RetireeFilter { UnitId = school.Id }, new PageRequest(0, 5, "Age", Descending: true));

        Assert.Equal(45, first.TotalCount);
        Assert.Equal(20, first.Items.Count);
        Assert.Equal("退休教工001", first.Items[0].Name);
        Assert.Equal(["退休教工041", "退休教工042", "退休教工043", "退休教工044", "退休教工045"], third.Items.Select(i => i.Name));
        Assert.True(oldestFirst.Items.Zip(oldestFirst.Items.Skip(1)).All(p => p.First.Age >= p.Second.Age));
        Assert.Equal(89, oldestFirst.Items[0].Age);
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("Gender")]
    [InlineData("Age")]
    [InlineData("BirthDate")]
    [InlineData("UnitName")]
    [InlineData("GroupName")]
    [InlineData("PartyBranchName")]
    [InlineData("NoSuchColumn")]
    public async Task Every_sortable_column_sorts_on_the_server(string column)
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var school = make.Unit();
        var group = make.Group(school);
        var branch = make.Branch();
        make.Retiree(school, "甲", configure: r => { r.GroupId = group.Id; r.PartyBranchId = branch.Id; });
        make.Retiree(school, "乙", age: 90, gender: Gender.Male);

        var ascending = await _queries.ListAsync(new RetireeFilter { UnitId = school.Id }, new PageRequest(0, 10, column));
        var descending = await _queries.ListAsync(new RetireeFilter { UnitId = school.Id }, new PageRequest(0, 10, column, Descending: true));

        Assert.Equal(2, ascending.TotalCount);
        Assert.Equal(2, descending.Items.Count);
        if (column is "Age" or "Gender" or "Name")
        {
            Assert.Equal(ascending.Items.Select(i => i.Name), descending.Items.Select(i => i.Name).Reverse());
        }
    }

    [Fact]
    public void A_filter_survives_the_round_trip_through_the_address()
    {
        var filters = new[]
        {
            new RetireeFilter(),
            new RetireeFilter { NameOrId = "王", UnitId = 3, GroupId = 7, PartyBranchId = 2, Care = CareFilter.VeryOldPeople, Status = LifeStatus.All },
            new RetireeFilter { Care = new CareFilter(CareCategories.LostOnlyChild, false), Status = LifeStatus.Deceased },
        };

        foreach (var filter in filters)
        {
            var query = filter.ToQuery().ToDictionary(p => p.Key, p => new Microsoft.Extensions.Primitives.StringValues(p.Value));
            Assert.Equal(filter, RetireeFilter.FromQuery(query));
        }

        var junk = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["unit"] = "x", ["care"] = "9999", ["status"] = "42" };
        Assert.Equal(new RetireeFilter(), RetireeFilter.FromQuery(junk));
    }

    [Fact]
    public async Task Ages_are_whole_years_on_today()
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var school = make.Unit();
        make.Retiree(school, "赵丽华", configure: r => r.BirthDate = RegisterBuilder.Today.AddYears(-80));
        make.Retiree(school, "孙丽华", configure: r => r.BirthDate = RegisterBuilder.Today.AddYears(-80).AddDays(1));

        var page = await _queries.ListAsync(new RetireeFilter { UnitId = school.Id }, new PageRequest(0, 10, "Name"));

        Assert.Equal(79, page.Items.Single(i => i.Name == "孙丽华").Age);
        Assert.Equal(80, page.Items.Single(i => i.Name == "赵丽华").Age);
        Assert.Equal(["赵丽华"], await NamesAsync(new RetireeFilter { Care = CareFilter.VeryOldPeople }));
    }

    [Fact]
    public async Task Names_sort_by_pinyin_with_surnames_read_as_surnames()
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var school = make.Unit();
        foreach (var name in new[] { "赵丽华", "张伟", "曾国藩", "陈玉兰", "白云", "艾青" })
        {
            make.Retiree(school, name);
        }

        string[] expected = ["艾青", "白云", "陈玉兰", "曾国藩", "张伟", "赵丽华"]; // 曾 as a surname is zeng, after chen
        var byName = await _queries.ListAsync(new RetireeFilter { UnitId = school.Id }, new PageRequest(0, 10, "Name"));
        var byDefault = await _queries.ListAsync(new RetireeFilter { UnitId = school.Id }, new PageRequest(0, 10));
        var descending = await _queries.ListAsync(new RetireeFilter { UnitId = school.Id }, new PageRequest(0, 10, "Name", Descending: true));

        Assert.Equal(expected, byName.Items.Select(i => i.Name));
        Assert.Equal(expected, byDefault.Items.Select(i => i.Name));
        Assert.Equal(Enumerable.Reverse(expected), descending.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task Names_of_the_same_pinyin_keep_a_fixed_order_and_units_come_first()
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var first = make.Unit();
        var second = make.Unit();
        second.SortOrder = -1;
        db.SaveChanges();
        make.Retiree(first, "章伟");
        make.Retiree(first, "张伟");
        make.Retiree(second, "赵丽华");

        var page = await _queries.ListAsync(new RetireeFilter(), new PageRequest(0, 10));

        // Both read zhang wei; then the characters decide (张 U+5F20 before 章 U+7AE0).
        Assert.Equal(["赵丽华", "张伟", "章伟"], page.Items.Select(i => i.Name));
    }

    [Theory]
    [InlineData("wxy", new[] { "吴晓燕", "汪雪芸", "王秀英" })]
    [InlineData("WXY", new[] { "吴晓燕", "汪雪芸", "王秀英" })]
    [InlineData("wangxiuying", new[] { "王秀英" })]
    [InlineData("wang xiu ying", new[] { "王秀英" })]
    [InlineData("wangx", new[] { "汪雪芸", "王秀英" })]
    [InlineData("wangxy", new[] { "汪雪芸", "王秀英" })]
    [InlineData("wangjg", new[] { "王建国" })]
    [InlineData("wang", new[] { "汪雪芸", "王建国", "王秀英" })]
    [InlineData("w", new[] { "吴晓燕", "汪雪芸", "王建国", "王秀英" })]
    [InlineData("zgf", new[] { "曾国藩" })]
    [InlineData("zengguofan", new[] { "曾国藩" })]
    [InlineData("ceng", new string[0])]
    [InlineData("lvsz", new[] { "吕淑珍" })]
    [InlineData("anna", new[] { "Anna Li" })]
    [InlineData("xyz", new string[0])]
    public async Task Finds_people_by_pinyin_initials_or_full_pinyin(string term, string[] expected)
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var school = make.Unit();
        foreach (var name in new[] { "王秀英", "汪雪芸", "王建国", "吴晓燕", "曾国藩", "吕淑珍", "陈玉兰", "Anna Li", "Joanna" })
        {
            make.Retiree(school, name);
        }

        // Letters are read as pinyin only: a name in Latin letters is found by its start, whatever the case,
        // not by letters inside it ("Joanna"), which would cost a scan of the register.
        Assert.Equal(expected.Order(StringComparer.Ordinal), await NamesAsync(new RetireeFilter { UnitId = school.Id, NameOrId = term }));
    }

    [Fact]
    public async Task Editing_a_name_updates_its_pinyin_keys_without_an_audit_line_for_them()
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        var school = make.Unit();
        var retiree = make.Retiree(school, "陈玉兰");
        Assert.Equal(("chen yu lan", "cyl", "chenyulan"), (retiree.NamePinyin, retiree.NameInitials, retiree.NamePinyinCompact));

        using (var edit = _database.CreateContext())
        {
            var stored = edit.Retirees.Single(r => r.Id == retiree.Id);
            stored.Name = "曾国藩";
            edit.SaveChanges();
        }

        using var check = _database.CreateContext();
        var saved = check.Retirees.Single(r => r.Id == retiree.Id);
        Assert.Equal(("zeng guo fan", "zgf", "zengguofan"), (saved.NamePinyin, saved.NameInitials, saved.NamePinyinCompact));
        Assert.Equal(["曾国藩"], await NamesAsync(new RetireeFilter { UnitId = school.Id, NameOrId = "zgf" }));
        Assert.Empty(await NamesAsync(new RetireeFilter { UnitId = school.Id, NameOrId = "cyl" }));

        var update = check.AuditEntries.Single(a => a.RetireeId == retiree.Id && a.Action == Domain.Audit.AuditAction.Update);
        Assert.Equal(["Name"], Domain.Audit.AuditTrail.Deserialize(update.Changes).Select(c => c.Field));
    }

    [Fact]
    public async Task Pinyin_prefixes_are_answered_from_the_key_indexes()
    {
        using var db = _database.CreateContext();
        var query = RegisterQueries.Filter(db.Retirees, new RetireeFilter { NameOrId = "wangxy" }, RegisterBuilder.Today, PersonalDataRules.None);
        var sql = query.ToQueryString();

        // Ranges (>=, <) and not LIKE, which SQLite compares case-insensitively and so answers without the index.
        Assert.Contains("\"NameInitials\" >= @", sql, StringComparison.Ordinal);
        Assert.Contains("\"NamePinyinCompact\" < @", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("NameInitials\" LIKE", sql, StringComparison.Ordinal);
        Assert.Empty(await query.ToListAsync());
    }

    [Fact]
    public async Task The_default_order_is_read_from_indexes_not_sorted_for_every_page()
    {
        using var db = _database.CreateContext();
        var make = new RegisterBuilder(db);
        for (var u = 0; u < 30; u++)
        {
            var unit = make.Unit($"单位{u:00}");
            unit.SortOrder = 30 - u;
            make.Retirees(unit, 10, $"单位{u:00}教工");
        }

        db.SaveChanges();

        // Statistics as a city's register has them (1,666 units, 100,000 people, about 60 a unit): at a few hundred
        // rows sorting everything is cheapest and SQLite rightly does so. Edited statistics are SQLite's own way of
        // planning as on production data; ANALYZE sqlite_schema makes the connection read them again.
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE sqlite_stat1 SET stat = '100000' || substr(stat, instr(stat, ' ')) WHERE tbl = 'Retirees' AND instr(stat, ' ') > 0;
            UPDATE sqlite_stat1 SET stat = '100000 60 1 1 1 1' WHERE idx = 'IX_Retirees_UnitId_NamePinyin_Name_Id_IsDeceased';
            UPDATE sqlite_stat1 SET stat = '1666' || substr(stat, instr(stat, ' ')) WHERE tbl = 'Units' AND instr(stat, ' ') > 0;
            ANALYZE sqlite_schema;
            """);

        var page = RegisterQueries.DefaultOrder(db.Retirees.Where(r => !r.IsDeceased)).Skip(150).Take(20)
            .Select(r => r.Id);
        var plan = await QueryPlanAsync(db, page.ToQueryString());

        // Units walked in their order, each unit's people in index order: no sort at all.
        Assert.Contains(plan, line => line.Contains("INDEX IX_Units_SortOrder", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("INDEX IX_Retirees_UnitId_NamePinyin_Name_Id_IsDeceased", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));

        // A page of ids is read from the two indexes alone, the table not touched.
        Assert.All(plan, line => Assert.Contains("COVERING INDEX", line, StringComparison.Ordinal));

        // And the order is the one the office expects: units by their sort order, then people by pinyin.
        var first = await page.FirstAsync();
        Assert.Equal("单位14", (await db.Retirees.Include(r => r.Unit).SingleAsync(r => r.Id == first)).Unit!.Name);
    }

    /// <summary>SQLite's plan for an EF query, its parameters bound as EF would (<c>.param set</c> lines of ToQueryString).</summary>
    private static async Task<List<string>> QueryPlanAsync(Domain.Data.IntranetDbContext db, string queryString)
    {
        var lines = queryString.Split('\n');
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        foreach (var parameter in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)).Select(l => l.Split(' ', 4)))
        {
            var p = command.CreateParameter();
            p.ParameterName = parameter[2];
            p.Value = long.TryParse(parameter[3], out var number) ? number : parameter[3].Trim('\'');
            command.Parameters.Add(p);
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    private async Task<List<string>> NamesAsync(RetireeFilter filter)
    {
        var page = await _queries.ListAsync(filter, new PageRequest(0, 100));
        return page.Items.Select(i => i.Name).Order(StringComparer.Ordinal).ToList();
    }
}
