using System.Net;
using Intranet.Domain.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Accounts.Passwords;
using Intranet.Web.Accounts.Administration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Accounts;

public sealed class CommonPasswordsTests
{
    [Fact]
    public void The_list_holds_the_most_common_passwords_including_the_ones_chinese_users_favour()
    {
        Assert.True(CommonPasswords.Count >= 10_000, $"{CommonPasswords.Count} passwords");
        Assert.All(new[] { "123456", "password", "woaini1314", "qq123456", "5201314", "woaini520", "1qaz2wsx" }, p => Assert.True(CommonPasswords.Contains(p), p));
    }

    [Theory]
    [InlineData("woaini1314")]
    [InlineData("WoAiNi1314")]
    [InlineData("woaini131452")]
    [InlineData("qq123456qq123456")]
    [InlineData("password2024!")]
    [InlineData("2024password")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("123456789012")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abcabcabcabc")]
    public void Common_passwords_and_their_usual_variations_are_caught(string password) =>
        Assert.True(CommonPasswords.IsCommonOrVariant(password), password);

    [Theory]
    [InlineData("correct-horse-battery-1")]
    [InlineData("qingyang-start-2026")]
    [InlineData("青羊区退管会老干部2026")]
    [InlineData("lao-zhang-jia-de-mao")]
    public void Passwords_nobody_else_picks_pass(string password) =>
        Assert.False(CommonPasswords.IsCommonOrVariant(password), password);

    [Fact]
    public void The_one_time_passwords_an_administrator_issues_pass()
    {
        for (var i = 0; i < 500; i++)
        {
            var password = TemporaryPassword.New();
            Assert.False(CommonPasswords.IsCommonOrVariant(password), password);
        }
    }
}

/// <summary>The rules over the real app: the change-password form and Identity's own password change.</summary>
public sealed class PasswordPolicyTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Theory]
    [InlineData("woaini1314woaini1314", "常见密码")]
    [InlineData("qq123456qq123456", "常见密码")]
    [InlineData("Password12345", "常见密码")]
    [InlineData("{user}-is-my-name-2026", "密码不能包含登录名")]
    public async Task The_change_password_form_refuses_weak_passwords_and_says_why_in_chinese(string password, string message)
    {
        var staff = await App.CreateAccountAsync(UserRole.DistrictStaff);
        using var client = await App.SignedInClientAsync(staff);
        password = password.Replace("{user}", staff.UserName.ToUpperInvariant(), StringComparison.Ordinal);

        using var response = await SignInTests.PostChangePasswordAsync(client, staff.Password, password, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var db = App.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Id == staff.Id);
        var hasher = new PasswordHasher<AppUser>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, staff.Password));
    }

    [Fact]
    public async Task The_last_five_passwords_cannot_be_chosen_again_the_sixth_can()
    {
        var staff = await App.CreateAccountAsync(UserRole.DistrictStaff);
        using var client = await App.SignedInClientAsync(staff);
        string[] passwords = ["jiaoyu-yuan-one-01", "jiaoyu-yuan-two-02", "jiaoyu-yuan-three-03", "jiaoyu-yuan-four-04", "jiaoyu-yuan-five-05"];

        // The form says so of the current password itself; Identity's rule counts it as one of the five.
        using (var same = await SignInTests.PostChangePasswordAsync(client, staff.Password, staff.Password, staff.Password))
        {
            Assert.Contains("新密码不能与当前密码相同", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Contains((await TryChangeAsync(staff, staff.Password, staff.Password)).Errors, e => e.Code == "PasswordRecentlyUsed");

        var current = staff.Password;
        foreach (var next in passwords[..4])
        {
            await ChangeAsync(staff, current, next);
            current = next;
        }

        // Now: four … one, and the first; each of them is refused.
        foreach (var old in new[] { staff.Password, passwords[0], passwords[3] })
        {
            var refused = await TryChangeAsync(staff, current, old);
            Assert.Contains(refused.Errors, e => e.Description == "不能使用最近用过的 5 个密码，请设置一个新密码。");
        }

        await ChangeAsync(staff, current, passwords[4]);

        // Five later, the first password is free again; the hashes kept are the current one and four before it.
        Assert.True((await TryChangeAsync(staff, passwords[4], staff.Password)).Succeeded);
        using var db = App.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Id == staff.Id);
        Assert.Equal(5, user.RecentPasswordHashes.Count);
    }

    [Fact]
    public async Task Password_history_never_reaches_the_audit_trail()
    {
        var staff = await App.CreateAccountAsync(UserRole.DistrictStaff);
        await ChangeAsync(staff, staff.Password, "jiaoyu-history-check-1");

        using var db = App.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Id == staff.Id);
        var trail = await db.AuditEntries.Where(a => a.EntityType == nameof(AppUser)).Select(a => a.Changes).ToListAsync();
        Assert.NotNull(user.PreviousPasswordHashes);
        Assert.All(trail, changes => Assert.DoesNotContain("PreviousPasswordHashes", changes ?? string.Empty, StringComparison.Ordinal));
        Assert.All(trail, changes => Assert.DoesNotContain(user.PreviousPasswordHashes!, changes ?? string.Empty, StringComparison.Ordinal));
    }

    private async Task ChangeAsync(TestAccount account, string current, string next)
    {
        var result = await TryChangeAsync(account, current, next);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private async Task<IdentityResult> TryChangeAsync(TestAccount account, string current, string next)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await users.ChangePasswordAsync(user!, current, next);
    }
}
