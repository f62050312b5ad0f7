using System.Net;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Accounts;

public class SignInTests
{
    [Fact]
    public async Task A_wrong_password_is_refused_in_chinese_and_logged()
    {
        await using var app = new IntranetAppFactory();
        var staff = await app.CreateAccountAsync(UserRole.DistrictStaff);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await TestAccounts.PostLoginAsync(client, staff.UserName, "not-the-password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("登录名或密码不正确", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var db = app.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.SignInFailed && a.UserName == staff.UserName));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        await using var app = new IntranetAppFactory();
        var staff = await app.CreateAccountAsync(UserRole.DistrictStaff);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 5; i++)
        {
            await TestAccounts.PostLoginAsync(client, staff.UserName, "not-the-password-1");
        }

        var response = await TestAccounts.PostLoginAsync(client, staff.UserName, staff.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账户已锁定 15 分钟", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var db = app.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.LockedOut && a.UserName == staff.UserName));
        var stored = await db.Users.SingleAsync(u => u.Id == staff.Id);
        Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
    }

    [Fact]
    public async Task A_successful_sign_in_is_logged_and_opens_the_dashboard()
    {
        await using var app = new IntranetAppFactory();
        var staff = await app.CreateAccountAsync(UserRole.DistrictStaff);
        using var client = await app.SignedInClientAsync(staff);

        var home = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/dashboard", home.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/dashboard", UriKind.Relative))).StatusCode);
        using var db = app.Database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.SignIn && a.UserName == staff.UserName));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        await using var app = new IntranetAppFactory();
        var staff = await app.CreateAccountAsync(UserRole.DistrictStaff);
        using (var db = app.Database.CreateContext())
        {
            await db.Users.Where(u => u.Id == staff.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
        }

        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await TestAccounts.PostLoginAsync(client, staff.UserName, staff.Password);

        Assert.Contains("该账户已停用", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/register", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_account_that_must_change_its_password_goes_nowhere_else_until_it_has()
    {
        await using var app = new IntranetAppFactory();
        var staff = await app.CreateAccountAsync(UserRole.DistrictStaff, mustChangePassword: true);
        using var client = await app.SignedInClientAsync(staff);

        var register = await client.GetAsync(new Uri("/register", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);
        Assert.Equal("/account/change-password", register.Headers.Location!.OriginalString);

        var tooShort = await PostChangePasswordAsync(client, staff.Password, "short-1", "short-1");
        Assert.Contains("至少需要 12 个字符", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await PostChangePasswordAsync(client, staff.Password, "a-new-password-2026", "a-new-password-2026");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/register", UriKind.Relative))).StatusCode);

        using var db = app.Database.CreateContext();
        Assert.False((await db.Users.SingleAsync(u => u.Id == staff.Id)).MustChangePassword);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.PasswordChanged && a.UserName == staff.UserName));

        // The old password no longer works; the new one does.
        using var other = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await TestAccounts.PostLoginAsync(other, staff.UserName, staff.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostLoginAsync(other, staff.UserName, "a-new-password-2026")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var app = new IntranetAppFactory();
        var staff = await app.CreateAccountAsync(UserRole.DistrictStaff);
        using var client = await app.SignedInClientAsync(staff);
        var page = await client.GetStringAsync(new Uri("/register", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) });
        var logout = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var after = await client.GetAsync(new Uri("/register", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_session_expires_after_the_configured_time()
    {
        var clock = new FixedClock(DateTimeOffset.UtcNow);
        await using var app = new IntranetAppFactory(services: s => s.AddSingleton<TimeProvider>(clock));
        var staff = await app.CreateAccountAsync(UserRole.DistrictStaff);
        using var client = await app.SignedInClientAsync(staff);

        clock.Now += TimeSpan.FromMinutes(29);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/register", UriKind.Relative))).StatusCode);

        // Activity restarts the count: 29 more minutes are still fine, 31 idle minutes are not.
        clock.Now += TimeSpan.FromMinutes(29);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/register", UriKind.Relative))).StatusCode);
        clock.Now += TimeSpan.FromMinutes(31);
        var expired = await client.GetAsync(new Uri("/register", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/account/login", expired.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_administrator_comes_from_configuration_and_must_change_the_password()
    {
        await using var app = new IntranetAppFactory(settings: new Dictionary<string, string?>
        {
            ["Accounts:BootstrapAdmin:UserName"] = "root",
            ["Accounts:BootstrapAdmin:Password"] = "first-admin-password-1",
        });
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await TestAccounts.PostLoginAsync(client, "root", "first-admin-password-1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/change-password", response.Headers.Location!.AbsolutePath);
        using var db = app.Database.CreateContext();
        var admin = await db.Users.SingleAsync(u => u.UserName == "root");
        Assert.Equal(UserRole.Administrator, admin.Role);
        Assert.True(admin.MustChangePassword);
        Assert.Empty(await db.Users.Where(u => u.Role != UserRole.Administrator).ToListAsync());
    }

    [Fact]
    public async Task Demo_accounts_exist_only_with_demo_data()
    {
        await using var withDemo = new IntranetAppFactory(demoRetirees: 120);
        _ = withDemo.Services;
        using (var db = withDemo.Database.CreateContext())
        {
            var roles = await db.Users.Select(u => u.Role).ToListAsync();
            Assert.Equal([UserRole.DistrictStaff, UserRole.UnitOfficer, UserRole.GroupLeader, UserRole.Leadership], roles.Order());
            var officer = await db.Users.SingleAsync(u => u.Role == UserRole.UnitOfficer);
            Assert.NotNull(officer.UnitId);

            // The demo group leader is the person their group names as its leader.
            var leader = await db.Users.SingleAsync(u => u.Role == UserRole.GroupLeader);
            var group = await db.RetireeGroups.Include(g => g.Leader).SingleAsync(g => g.Id == leader.GroupId);
            Assert.NotNull(group.Leader);
            Assert.StartsWith(group.Leader.Name, leader.DisplayName, StringComparison.Ordinal);
        }

        await using var withoutDemo = new IntranetAppFactory();
        _ = withoutDemo.Services;
        using (var db = withoutDemo.Database.CreateContext())
        {
            Assert.Empty(await db.Users.ToListAsync());
        }
    }

    [Fact]
    public async Task Nothing_personal_reaches_the_application_logs()
    {
        await using var app = new IntranetAppFactory();
        var world = await AccessWorld.CreateAsync(app);
        var officer = world[UserRole.UnitOfficer];
        using var client = await app.SignedInClientAsync(officer);
        using var wrong = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await TestAccounts.PostLoginAsync(wrong, officer.UserName, "a-wrong-password-9");
        await client.GetAsync(new Uri("/register", UriKind.Relative));
        await client.GetAsync(new Uri($"/register/{world.InUnitA.Id}", UriKind.Relative));
        await client.GetAsync(new Uri($"/register/{world.InUnitB.Id}", UriKind.Relative));
        await client.GetAsync(new Uri("/register/export?full=1", UriKind.Relative));

        var logs = app.Logs.All;
        Assert.NotEmpty(app.Logs.Lines);
        foreach (var secret in new[] { world.InUnitA.IdNumber, world.InUnitB.IdNumber, "13933334444", "13955556666", officer.Password, "a-wrong-password-9" })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    internal static async Task<HttpResponseMessage> PostChangePasswordAsync(HttpClient client, string current, string next, string confirm)
    {
        var form = await client.GetStringAsync(new Uri("/account/change-password", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm,
        });
        return await client.PostAsync(new Uri("/account/change-password", UriKind.Relative), content);
    }
}
