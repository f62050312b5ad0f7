using System.Collections.Frozen;
using Intranet.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Intranet.Web.Accounts.Passwords;

/// <summary>
/// The passwords people choose most (see README.md beside this file), loaded once from the embedded list.
/// </summary>
public static class CommonPasswords
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool Contains(string lowerCase) => List.Value.Contains(lowerCase);

    /// <summary>
    /// Whether a password is a common one, or one dressed up: with digits or symbols added before or after
    /// (<c>password2024!</c>, <c>woaini131452</c>), or a short piece repeated (<c>qq123456qq123456</c>). These
    /// are the first variations a guessing tool tries; the length rule alone lets them all through.
    /// </summary>
    public static bool IsCommonOrVariant(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.Trim().ToLowerInvariant();
        if (IsRepetition(lower))
        {
            return true;
        }

        var core = lower.Trim(Padding);
        var front = lower.TrimStart(Padding);
        var back = lower.TrimEnd(Padding);
        if (new[] { lower, core, front, back }.Any(c => c.Length >= 4 && Contains(c)))
        {
            return true;
        }

        // A common password followed by a few more characters: woaini1314 + "52", qq123456 + "789".
        for (var cut = lower.Length - 1; cut >= Math.Max(4, lower.Length - 4); cut--)
        {
            if (Contains(lower[..cut]))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly char[] Padding = "0123456789!@#$%^&*()-_=+.,;:?~ ".ToCharArray();

    private static bool IsRepetition(string value)
    {
        for (var unit = 1; unit <= value.Length / 2; unit++)
        {
            if (value.Length % unit == 0 && value.AsSpan(0, unit).ToString() is var piece
                && Enumerable.Range(1, value.Length / unit - 1).All(i => value.AsSpan(i * unit, unit).SequenceEqual(piece)))
            {
                return true;
            }
        }

        return false;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("Intranet.Web.Accounts.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}

/// <summary>Refuses common passwords and their usual variations.</summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && CommonPasswords.IsCommonOrVariant(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "该密码是常见密码或其简单变形（如在常见密码前后加数字、重复同一段字符），很容易被猜中，请换一个。",
            })
            : IdentityResult.Success);
}

/// <summary>Refuses a password that contains the login name: it is the first thing anyone tries.</summary>
internal sealed class UserNamePasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && user.UserName.Length >= 3 && password.Contains(user.UserName, StringComparison.OrdinalIgnoreCase)
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordContainsUserName", Description = "密码不能包含登录名。" })
            : IdentityResult.Success);
}

/// <summary>Refuses the current password and the ones before it (<see cref="AppUser.RememberedPasswords"/> in all).</summary>
internal sealed class RecentPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var reused = password is not null && user.RecentPasswordHashes.Any(hash =>
            manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed);
        return Task.FromResult(reused
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordRecentlyUsed",
                Description = $"不能使用最近用过的 {AppUser.RememberedPasswords} 个密码，请设置一个新密码。",
            })
            : IdentityResult.Success);
    }
}
