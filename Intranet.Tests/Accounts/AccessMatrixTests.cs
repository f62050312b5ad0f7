using System.Net;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Register;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Accounts;

/// <summary>One app with the <see cref="AccessWorld"/>, signed in once per role; the tests below only read.</summary>
public sealed class AccessMatrixFixture : IAsyncLifetime
{
    private readonly Dictionary<UserRole, HttpClient> _clients = [];

    public IntranetAppFactory App { get; } = new();

    public AccessWorld World { get; private set; } = default!;

    public HttpClient ClientFor(UserRole role) => _clients[role];

    public async Task InitializeAsync()
    {
        World = await AccessWorld.CreateAsync(App);

        // A birthday reminder for each person, for the inbox's rows.
        using (var db = App.Database.CreateContext())
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var person in new[] { World.InGroupA, World.InUnitA, World.InUnitB })
            {
                db.Add(new Domain.Reminders.Reminder
                {
                    Kind = Domain.Reminders.ReminderKind.Birthday, SubjectId = person.Id, RetireeId = person.Id, OccasionOn = today, DueOn = today, Detail = "80 岁生日（整寿）",
                });
            }

            await db.SaveChangesAsync();
        }

        foreach (var (role, account) in World.Accounts)
        {
            _clients[role] = await App.SignedInClientAsync(account);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await App.DisposeAsync();
    }
}

public sealed class AccessMatrixTests(AccessMatrixFixture fixture) : IClassFixture<AccessMatrixFixture>
{
    private AccessWorld World => fixture.World;

    public enum Sees
    {
        /// <summary>The page, showing the named retirees and none of the others.</summary>
        Page,

        /// <summary>Sent to the "no access" page by the server before any data is read.</summary>
        Denied,

        /// <summary>The page answers "not found": the record is outside the role's scope.</summary>
        NotFound,
    }

    public static TheoryData<UserRole, string, Sees, string> Matrix => new()
    {
        // The register list: each role sees exactly its scope.
        { UserRole.Administrator, "/register", Sees.Denied, "" },
        { UserRole.DistrictStaff, "/register", Sees.Page, "甲组成员,甲单位成员,乙单位成员" },
        { UserRole.UnitOfficer, "/register", Sees.Page, "甲组成员,甲单位成员" },
        { UserRole.GroupLeader, "/register", Sees.Page, "甲组成员" },
        { UserRole.Leadership, "/register", Sees.Page, "甲组成员,甲单位成员,乙单位成员" },

        // A record in another unit, reached by changing the id in the URL.
        { UserRole.Administrator, "/register/{B}", Sees.Denied, "" },
        { UserRole.DistrictStaff, "/register/{B}", Sees.Page, "乙单位成员" },
        { UserRole.UnitOfficer, "/register/{B}", Sees.NotFound, "" },
        { UserRole.GroupLeader, "/register/{B}", Sees.NotFound, "" },
        { UserRole.Leadership, "/register/{B}", Sees.Page, "乙单位成员" },

        // Same unit, another group.
        { UserRole.UnitOfficer, "/register/{A}", Sees.Page, "甲单位成员" },
        { UserRole.GroupLeader, "/register/{A}", Sees.NotFound, "" },
        { UserRole.GroupLeader, "/register/{GA}", Sees.Page, "甲组成员" },

        // Editing.
        { UserRole.Administrator, "/register/{GA}/edit", Sees.Denied, "" },
        { UserRole.DistrictStaff, "/register/{B}/edit", Sees.Page, "乙单位成员" },
        { UserRole.UnitOfficer, "/register/{GA}/edit", Sees.Page, "甲组成员" },
        { UserRole.UnitOfficer, "/register/{B}/edit", Sees.NotFound, "" },
        { UserRole.GroupLeader, "/register/{GA}/edit", Sees.Denied, "" },
        { UserRole.Leadership, "/register/{GA}/edit", Sees.Denied, "" },
        { UserRole.DistrictStaff, "/register/new", Sees.Page, "" },
        { UserRole.UnitOfficer, "/register/new", Sees.Page, "" },
        { UserRole.GroupLeader, "/register/new", Sees.Denied, "" },
        { UserRole.Leadership, "/register/new", Sees.Denied, "" },
        { UserRole.Administrator, "/register/new", Sees.Denied, "" },

        // Accounts and units: administrators only.
        { UserRole.Administrator, "/admin/users", Sees.Page, "" },
        { UserRole.DistrictStaff, "/admin/users", Sees.Denied, "" },
        { UserRole.UnitOfficer, "/admin/users", Sees.Denied, "" },
        { UserRole.GroupLeader, "/admin/users", Sees.Denied, "" },
        { UserRole.Leadership, "/admin/users", Sees.Denied, "" },
        { UserRole.Administrator, "/admin/units", Sees.Page, "" },
        { UserRole.DistrictStaff, "/admin/units", Sees.Denied, "" },
        { UserRole.UnitOfficer, "/admin/units/new", Sees.Denied, "" },
        { UserRole.Leadership, "/admin/units", Sees.Denied, "" },

        // The audit log: administrators only.
        // The people's records being created, whatever else the other rows have logged since.
        { UserRole.Administrator, "/admin/audit?type=Retiree&action=Create", Sees.Page, "甲组成员,甲单位成员,乙单位成员" },
        { UserRole.DistrictStaff, "/admin/audit", Sees.Denied, "" },
        { UserRole.UnitOfficer, "/admin/audit", Sees.Denied, "" },
        { UserRole.GroupLeader, "/admin/audit", Sees.Denied, "" },
        { UserRole.Leadership, "/admin/audit", Sees.Denied, "" },

        // Exports: the same scope as the list; unmasked only for roles that may see personal data in full.
        // Welfare: staff, unit officers and leadership; group leaders keep to the register, administrators to accounts.
        { UserRole.DistrictStaff, "/welfare/cases", Sees.Page, "" },
        { UserRole.UnitOfficer, "/welfare/campaigns", Sees.Page, "" },
        { UserRole.Leadership, "/welfare", Sees.Page, "" },
        { UserRole.GroupLeader, "/welfare/cases", Sees.Denied, "" },
        { UserRole.GroupLeader, "/welfare/condolences", Sees.Denied, "" },
        { UserRole.Administrator, "/welfare/schemes", Sees.Denied, "" },
        { UserRole.Leadership, "/welfare/campaigns/new", Sees.Denied, "" },
        { UserRole.GroupLeader, "/welfare/cases/new?retiree={GA}", Sees.Denied, "" },
        { UserRole.UnitOfficer, "/welfare/cases/new?retiree={B}", Sees.NotFound, "" },

        // Activities: staff, unit officers and leadership read them; group leaders and administrators do not.
        { UserRole.DistrictStaff, "/activities", Sees.Page, "" },
        { UserRole.UnitOfficer, "/activities?kind=GoldenWedding", Sees.Page, "" },
        { UserRole.Leadership, "/activities", Sees.Page, "" },
        { UserRole.GroupLeader, "/activities", Sees.Denied, "" },
        { UserRole.GroupLeader, "/activities/new", Sees.Denied, "" },
        { UserRole.Administrator, "/activities", Sees.Denied, "" },

        // The dashboard: leadership, district staff and unit officers (their unit's); not group leaders or administrators.
        { UserRole.Leadership, "/dashboard", Sees.Page, "" },
        { UserRole.DistrictStaff, "/dashboard", Sees.Page, "" },
        { UserRole.UnitOfficer, "/dashboard", Sees.Page, "" },
        { UserRole.GroupLeader, "/dashboard", Sees.Denied, "" },
        { UserRole.Administrator, "/dashboard", Sees.Denied, "" },
        { UserRole.Leadership, "/screen", Sees.Page, "" },
        { UserRole.DistrictStaff, "/screen", Sees.Page, "" },
        { UserRole.UnitOfficer, "/screen", Sees.Denied, "" },
        { UserRole.GroupLeader, "/screen", Sees.Denied, "" },
        { UserRole.Administrator, "/admin/screens", Sees.Page, "" },
        { UserRole.DistrictStaff, "/admin/screens", Sees.Denied, "" },
        { UserRole.Leadership, "/admin/screens", Sees.Denied, "" },

        // The elderly university: the same readers; only district staff keep the timetable.
        { UserRole.DistrictStaff, "/university", Sees.Page, "" },
        { UserRole.UnitOfficer, "/university", Sees.Page, "" },
        { UserRole.Leadership, "/university", Sees.Page, "" },
        { UserRole.GroupLeader, "/university", Sees.Denied, "" },
        { UserRole.DistrictStaff, "/university/setup", Sees.Page, "" },
        { UserRole.UnitOfficer, "/university/setup", Sees.Denied, "" },
        { UserRole.UnitOfficer, "/university/classes/new", Sees.Denied, "" },
        { UserRole.Leadership, "/university/classes/new", Sees.Denied, "" },

        // Clubs and contests: staff, unit officers and leadership read; only staff create clubs and contests.
        { UserRole.DistrictStaff, "/contests/new", Sees.Page, "" },
        { UserRole.UnitOfficer, "/contests", Sees.Page, "" },
        { UserRole.Leadership, "/clubs", Sees.Page, "" },
        { UserRole.GroupLeader, "/contests", Sees.Denied, "" },
        { UserRole.Administrator, "/clubs", Sees.Denied, "" },
        { UserRole.UnitOfficer, "/clubs/new", Sees.Denied, "" },
        { UserRole.Leadership, "/contests/new", Sees.Denied, "" },

        // Reminders: each role's inbox in its scope (group leaders their group's birthdays); leadership and administrators have none.
        { UserRole.DistrictStaff, "/reminders", Sees.Page, "甲组成员,甲单位成员,乙单位成员" },
        { UserRole.UnitOfficer, "/reminders", Sees.Page, "甲组成员,甲单位成员" },
        { UserRole.GroupLeader, "/reminders?kind=Birthday", Sees.Page, "甲组成员" },
        { UserRole.Leadership, "/reminders", Sees.Denied, "" },
        { UserRole.Administrator, "/reminders", Sees.Denied, "" },

        // The scheduled jobs' page: administrators only.
        { UserRole.Administrator, "/admin/jobs", Sees.Page, "" },
        { UserRole.DistrictStaff, "/admin/jobs", Sees.Denied, "" },
        { UserRole.Leadership, "/admin/jobs", Sees.Denied, "" },

        { UserRole.Administrator, "/register/export", Sees.Denied, "" },
        { UserRole.GroupLeader, "/register/export?full=1", Sees.Denied, "" },
        { UserRole.Leadership, "/register/export?full=1", Sees.Denied, "" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_exactly_its_pages_and_scope(UserRole role, string path, Sees sees, string names)
    {
        var deniedBefore = await DeniedLinesAsync(role);
        var response = await fixture.ClientFor(role).GetAsync(new Uri(Resolve(path), UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var all = new[] { World.InGroupA.Name, World.InUnitA.Name, World.InUnitB.Name };

        // Every refusal is one audit line: no more, no fewer.
        Assert.Equal(sees == Sees.Page ? 0 : 1, await DeniedLinesAsync(role) - deniedBefore);
        switch (sees)
        {
            case Sees.Denied:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
                break;
            case Sees.NotFound:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("未找到", html, StringComparison.Ordinal);
                Assert.All(all, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));
                break;
            default:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.DoesNotContain("未找到", html, StringComparison.Ordinal);
                var expected = names.Split(',', StringSplitOptions.RemoveEmptyEntries);
                Assert.All(expected, name => Assert.Contains(name, html, StringComparison.Ordinal));
                Assert.All(all.Except(expected), name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));
                break;
        }
    }

    [Fact]
    public async Task Opening_another_units_record_is_logged_as_a_denied_access()
    {
        var officer = World[UserRole.UnitOfficer];
        await fixture.ClientFor(UserRole.UnitOfficer).GetAsync(new Uri($"/register/{World.InUnitB.Id}", UriKind.Relative));

        using var db = fixture.App.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a =>
            a.Action == AuditAction.AccessDenied && a.UserName == officer.UserName && a.RetireeId == World.InUnitB.Id));
    }

    [Theory]
    [InlineData(UserRole.DistrictStaff, "甲组成员,甲单位成员,乙单位成员", "身份证号和电话已遮蔽")]
    [InlineData(UserRole.UnitOfficer, "甲组成员,甲单位成员", "身份证号和电话已遮蔽")]
    [InlineData(UserRole.GroupLeader, "甲组成员", "不含身份证号，电话已遮蔽")]
    [InlineData(UserRole.Leadership, "甲组成员,甲单位成员,乙单位成员", "不含身份证号和电话")]
    public async Task Exports_hold_the_roles_scope_masked_and_are_logged(UserRole role, string names, string logged)
    {
        var response = await fixture.ClientFor(role).GetAsync(new Uri("/register/export?status=All", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = ReadSheet(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("姓名", rows[0][0]);
        Assert.Equal(names.Split(',').Order(StringComparer.Ordinal), rows.Skip(1).Select(r => r[0]).Order(StringComparer.Ordinal));
        var idColumn = rows[0].IndexOf("身份证号");
        var phoneColumns = new[] { rows[0].IndexOf("联系电话"), rows[0].IndexOf("紧急联系电话") };
        var rules = PersonalDataRules.For(role);
        Assert.Equal(rules.SeesIdNumber, idColumn >= 0);
        Assert.All(phoneColumns, column => Assert.Equal(rules.SeesPhone, column >= 0));
        if (rules.SeesIdNumber)
        {
            Assert.All(rows.Skip(1), r => Assert.Matches("^[0-9]{6}[*]{12}$", r[idColumn]));
        }

        if (rules.SeesPhone)
        {
            Assert.All(rows.Skip(1), r => Assert.Matches("^1[0-9]{2}[*]{4}[0-9]{4}$", r[phoneColumns[0]]));
        }

        var cells = string.Join("|", rows.SelectMany(r => r));
        Assert.All(new[] { World.InGroupA, World.InUnitA, World.InUnitB }, r =>
        {
            Assert.DoesNotContain(r.IdNumber, cells, StringComparison.Ordinal);
            Assert.DoesNotContain(r.Phone!, cells, StringComparison.Ordinal);
        });

        using var db = fixture.App.Database.CreateContext();
        var account = World[role];
        var line = await db.AuditEntries.Where(a => a.Action == AuditAction.Export && a.UserName == account.UserName)
            .OrderByDescending(a => a.Id).FirstAsync();
        Assert.Contains($"{rows.Count - 1} 条", line.Details, StringComparison.Ordinal);
        Assert.Contains(logged, line.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_export_shows_numbers_only_to_roles_that_may_see_them_and_says_so_in_the_log()
    {
        var response = await fixture.ClientFor(UserRole.UnitOfficer).GetAsync(new Uri($"/register/export?unit={World.UnitA.Id}&full=1", UriKind.Relative));

        var rows = ReadSheet(await response.Content.ReadAsByteArrayAsync());
        var idColumn = rows[0].IndexOf("身份证号");
        Assert.Contains(World.InUnitA.IdNumber, rows.Select(r => r[idColumn]));
        Assert.Contains("13933334444", rows.SelectMany(r => r));

        using var db = fixture.App.Database.CreateContext();
        var officer = World[UserRole.UnitOfficer];
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Export && a.UserName == officer.UserName
            && a.Details!.Contains("含完整身份证号和电话") && a.Details.Contains("甲单位石室小学")));
    }

    [Fact]
    public async Task Asking_an_officers_export_for_another_unit_still_yields_only_its_own_unit()
    {
        var response = await fixture.ClientFor(UserRole.UnitOfficer).GetAsync(new Uri($"/register/export?unit={World.UnitB.Id}", UriKind.Relative));

        var rows = ReadSheet(await response.Content.ReadAsByteArrayAsync());
        Assert.Single(rows); // the header alone
    }

    [Theory]
    [InlineData(UserRole.DistrictStaff, true, true)]
    [InlineData(UserRole.UnitOfficer, true, true)]
    [InlineData(UserRole.GroupLeader, false, true)]
    [InlineData(UserRole.Leadership, false, false)]
    public async Task Lists_show_personal_numbers_masked_or_not_at_all(UserRole role, bool idNumber, bool phone)
    {
        var html = await fixture.ClientFor(role).GetStringAsync(new Uri("/register?status=All", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(html);
        var text = document.Body!.TextContent;

        Assert.Equal(phone, text.Contains("139****2222", StringComparison.Ordinal));
        Assert.Equal(idNumber, text.Contains(World.InGroupA.IdNumber[..6] + "************", StringComparison.Ordinal));
        Assert.Equal(idNumber, document.QuerySelectorAll("th").Any(th => th.TextContent.Contains("身份证号", StringComparison.Ordinal)));
        Assert.DoesNotContain("13911112222", html, StringComparison.Ordinal);
        Assert.DoesNotContain(World.InGroupA.IdNumber, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UserRole.DistrictStaff, true)]
    [InlineData(UserRole.UnitOfficer, true)]
    [InlineData(UserRole.GroupLeader, false)]
    [InlineData(UserRole.Leadership, false)]
    public async Task Only_roles_that_may_reveal_an_id_number_can_look_a_person_up_by_it(UserRole role, bool found)
    {
        // Otherwise the search box would answer "is this the number?" for a number the role cannot see.
        var html = await fixture.ClientFor(role).GetStringAsync(new Uri($"/register?status=All&q={World.InGroupA.IdNumber}", UriKind.Relative));

        Assert.Equal(found, html.Contains("甲组成员", StringComparison.Ordinal));
    }

    private async Task<int> DeniedLinesAsync(UserRole role)
    {
        using var db = fixture.App.Database.CreateContext();
        var userName = World[role].UserName;
        return await db.AuditEntries.CountAsync(a => a.Action == AuditAction.AccessDenied && a.UserName == userName);
    }

    private string Resolve(string path) => path
        .Replace("{A}", World.InUnitA.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{B}", World.InUnitB.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{GA}", World.InGroupA.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    internal static List<List<string>> ReadSheet(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return sheet.Descendants<Row>()
            .Select(row => row.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? string.Empty).ToList())
            .ToList();
    }
}
