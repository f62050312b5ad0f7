using System.Net;
using Intranet.Domain.Accounts;
using Intranet.Domain.Data;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Platform;

public class AppStartupTests
{
    [Fact]
    public async Task The_app_migrates_seeds_and_serves_the_register_in_chinese()
    {
        await using var app = new IntranetAppFactory(demoRetirees: 300);
        var staff = await app.CreateAccountAsync(UserRole.DistrictStaff);
        using var client = await app.SignedInClientAsync(staff);

        var response = await client.GetAsync(new Uri("/register", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("退休教工名册", html, StringComparison.Ordinal);

        await using var db = app.Database.CreateContext();
        Assert.Equal(300, await db.Retirees.CountAsync());
        var living = await db.Retirees.CountAsync(r => !r.IsDeceased);

        // The prerendered page already carries the first page and the count of the living.
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal($"共 {living} 人", document.QuerySelector("#register-total")!.TextContent.Trim());
        Assert.Equal(20, document.QuerySelectorAll("tbody tr.rz-data-row").Length);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page()
    {
        await using var app = new IntranetAppFactory();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var path in new[] { "/", "/register" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var login = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        Assert.Contains("登录名", login, StringComparison.Ordinal);
        Assert.Contains("密码", login, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_blazor_script_and_component_styles_are_served()
    {
        await using var app = new IntranetAppFactory();
        using var client = app.CreateClient();

        foreach (var path in new[] { "/_framework/blazor.web.js", "/_content/Radzen.Blazor/Radzen.Blazor.js", "/app.css" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Health_check_reports_a_working_database()
    {
        await using var app = new IntranetAppFactory();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_check_fails_when_the_database_is_unreadable()
    {
        await using var app = new IntranetAppFactory();
        using var client = app.CreateClient();
        await using (var db = app.Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"Retirees\"; DROP TABLE \"RetireeGroups\"; DROP TABLE \"Units\";");
        }

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Demo_data_is_not_seeded_when_switched_off()
    {
        await using var app = new IntranetAppFactory(demoRetirees: 0);
        using var client = app.CreateClient();
        await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        await using var db = app.Database.CreateContext();
        Assert.Equal(0, await db.Retirees.CountAsync());
    }
}
