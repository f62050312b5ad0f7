using System.Net;
using AngleSharp.Html.Parser;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Tests.Support;

namespace Intranet.Tests.Audit;

public sealed class AuditPageHttpTests
{
    private const string Marker = "审计页面测试标记";

    [Fact]
    public async Task An_administrator_gets_the_log_with_its_lines()
    {
        await using var app = StartWithAnExportLine();
        var admin = await app.CreateAccountAsync(UserRole.Administrator);
        using var client = await app.SignedInClientAsync(admin);

        var response = await client.GetAsync(new Uri("/admin/audit", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("审计日志", document.QuerySelector("h1")!.TextContent.Trim());
        var rows = document.QuerySelectorAll("tbody tr.rz-data-row");
        var export = rows.Single(r => r.TextContent.Contains(Marker, StringComparison.Ordinal));
        Assert.Contains("导出", export.TextContent, StringComparison.Ordinal);

        // The administrator's own sign-in is in the log too, newest first.
        Assert.Contains(admin.UserName, rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("登录", rows[0].TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UserRole.DistrictStaff)]
    [InlineData(UserRole.Leadership)]
    public async Task Anyone_else_signed_in_does_not_get_the_log(UserRole role)
    {
        await using var app = StartWithAnExportLine();
        var account = await app.CreateAccountAsync(role);
        using var client = await app.SignedInClientAsync(account);

        var response = await client.GetAsync(new Uri("/admin/audit", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain(Marker, html, StringComparison.Ordinal);
        Assert.DoesNotContain("审计日志", html, StringComparison.Ordinal);

        // The policy turns them away before the page renders, to the cookie's access-denied page.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    private static IntranetAppFactory StartWithAnExportLine()
    {
        var app = new IntranetAppFactory();
        using var db = app.Database.Migrated().CreateContext();
        db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, UserName = "exporter", Action = AuditAction.Export, Details = Marker });
        db.SaveChanges();
        return app;
    }
}
