using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Intranet.Domain.Accounts;
using Intranet.Web.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Support;

public sealed record TestAccount(int Id, string UserName, string Password, UserRole Role, int? UnitId, int? GroupId);

/// <summary>Accounts made by the test itself, through the app's own UserManager, and signing in over HTTP.</summary>
public static partial class TestAccounts
{
    public const string Password = "correct-horse-battery-1";

    private static int _sequence;

    public static async Task<TestAccount> CreateAccountAsync(
        this ITestApp app, UserRole role, int? unitId = null, int? groupId = null, bool mustChangePassword = false, string? displayName = null)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var userName = $"{role.ToString().ToLowerInvariant()}{Interlocked.Increment(ref _sequence)}";
        var user = new AppUser
        {
            UserName = userName,
            NormalizedUserName = string.Empty,
            DisplayName = displayName ?? $"测试{role.Label()}",
            Role = role,
            UnitId = unitId,
            GroupId = groupId,
            MustChangePassword = mustChangePassword,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return new TestAccount(user.Id, userName, Password, role, unitId, groupId);
    }

    /// <summary>A client that signed in through the real sign-in form, cookies and antiforgery included.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this IntranetAppFactory app, TestAccount account)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostLoginAsync(client, account.UserName, account.Password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {account.UserName} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the sign-in form carries an antiforgery token");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri("/account/login", UriKind.Relative), content);
    }

    /// <summary>
    /// A service scope acting as <paramref name="account"/>, with the principal the app itself builds at
    /// sign-in, for calling the app's services directly.
    /// </summary>
    public static async Task<AsyncServiceScope> ScopeForAsync(this ITestApp app, TestAccount account)
    {
        var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await users.FindByIdAsync(account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var principal = await signIn.CreateUserPrincipalAsync(user!);

        // As inside a circuit: an HttpContext set here would not flow back out of this async method.
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetCircuitUser(principal);
        return scope;
    }

    /// <summary>The principal the app would build for this account, for component tests that have no cookie.</summary>
    public static CurrentUser CurrentUserFor(UserRole role, int? unitId = null, int? groupId = null, string userName = "tester")
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, userName), new(ClaimTypes.NameIdentifier, "1"), new(ClaimTypes.Role, role.ToString()) };
        if (unitId is { } unit)
        {
            claims.Add(new Claim(IntranetClaims.UnitId, unit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (groupId is { } group)
        {
            claims.Add(new Claim(IntranetClaims.GroupId, group.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // As a circuit's user, not through HttpContextAccessor, whose value is shared by the whole async flow.
        var user = new CurrentUser(new HttpContextAccessor());
        user.SetCircuitUser(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        return user;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
