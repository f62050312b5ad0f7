using System.Net;
using AngleSharp.Html.Parser;
using Intranet.Domain.Accounts;
using Intranet.Tests.Support;

namespace Intranet.Tests.Accounts.Administration;

/// <summary>The admin pages over HTTP, as each role's browser would ask for them.</summary>
public sealed class AdminAccessTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] AdminPaths = ["/admin/users", "/admin/users/new", "/admin/units", "/admin/units/new"];

    private readonly IntranetAppFactory _app = new();
    private TestAccount _admin = null!;
    private string _unitName = null!;

    public async Task InitializeAsync()
    {
        _admin = await _app.CreateAccountAsync(UserRole.Administrator, displayName: "系统管理员甲");
        await using var db = _app.Db();
        _unitName = new RegisterBuilder(db).Unit().Name;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData(UserRole.DistrictStaff)]
    [InlineData(UserRole.UnitOfficer)]
    [InlineData(UserRole.GroupLeader)]
    [InlineData(UserRole.Leadership)]
    public async Task Other_roles_do_not_get_the_admin_pages(UserRole role)
    {
        var account = await _app.CreateAccountAsync(role);
        using var client = await _app.SignedInClientAsync(account);

        foreach (var path in AdminPaths)
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();

            // The endpoint's policy sends them to sign in as someone else; should that change to showing the
            // router's "未找到" message instead, that is fine too. The page itself is never rendered.
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Equal("/account/denied", new Uri(new Uri("http://localhost/"), response.Headers.Location!).AbsolutePath);
            }
            else
            {
                Assert.Contains("未找到", html, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("accounts-grid", html, StringComparison.Ordinal);
            Assert.DoesNotContain("units-grid", html, StringComparison.Ordinal);
            Assert.DoesNotContain(_admin.UserName, html, StringComparison.Ordinal);
            Assert.DoesNotContain(_unitName, html, StringComparison.Ordinal);
            Assert.DoesNotContain("新建账户", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_administrator_gets_the_accounts_page_with_its_accounts()
    {
        var staff = await _app.CreateAccountAsync(UserRole.DistrictStaff, displayName: "测试干事");
        using var client = await _app.SignedInClientAsync(_admin);

        var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("账户管理", document.Title);
        Assert.Equal("账户管理", document.QuerySelector("h1")!.TextContent.Trim());
        var rows = document.QuerySelectorAll(".accounts-grid tbody tr.rz-data-row").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains(staff.UserName, StringComparison.Ordinal) && r.Contains("区退管会工作人员", StringComparison.Ordinal) && r.Contains("从未登录", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(_admin.UserName, StringComparison.Ordinal) && r.Contains("本人", StringComparison.Ordinal));
        foreach (var heading in new[] { "登录名", "姓名", "角色", "单位", "小组", "状态", "最近登录", "操作" })
        {
            Assert.Contains(heading, document.QuerySelectorAll("th").Select(th => th.TextContent.Trim()));
        }
    }

    [Fact]
    public async Task The_administrator_gets_the_units_page_and_the_forms()
    {
        using var client = await _app.SignedInClientAsync(_admin);

        var units = await client.GetAsync(new Uri("/admin/units", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(await units.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, units.StatusCode);
        Assert.Equal("单位管理", document.Title);
        Assert.Contains(document.QuerySelectorAll(".units-grid tbody tr.rz-data-row"), r => r.TextContent.Contains(_unitName, StringComparison.Ordinal));

        foreach (var (path, title) in new[] { ("/admin/users/new", "新建账户"), ("/admin/units/new", "新建单位") })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(title, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).Title);
        }
    }
}
