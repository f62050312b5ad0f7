using Microsoft.AspNetCore.Identity;

namespace Intranet.Web.Accounts;

/// <summary>Identity's messages in the words the office reads.</summary>
internal sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "操作失败，请重试。");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "该账户已被他人修改，请刷新后重试。");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "当前密码不正确。");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "链接已失效。");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), $"登录名“{userName}”无效：只能使用字母、数字和 - . _ @。");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"登录名“{userName}”已被使用。");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "该账户已设置密码。");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "该账户未启用锁定。");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"密码至少需要 {length} 个字符。");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), $"密码至少需要包含 {uniqueChars} 个不同的字符。");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "密码需要包含至少一个符号。");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "密码需要包含至少一个数字。");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "密码需要包含至少一个小写字母。");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "密码需要包含至少一个大写字母。");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
