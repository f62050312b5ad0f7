namespace Intranet.Web.Admin;

/// <summary>
/// What an administrator's change came to. Refusals are expected (a duplicate name, a stale form, a
/// missing permission) and come back as Chinese sentences the page shows as they are.
/// </summary>
public class AdminResult
{
    private protected AdminResult(IReadOnlyList<string> errors) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static AdminResult Ok() => new([]);

    public static AdminResult<T> Ok<T>(T value) => new(value, []);

    public static AdminResult Fail(params IEnumerable<string> errors) => new([.. errors]);

    public static AdminResult<T> Fail<T>(params IEnumerable<string> errors) => new(default, [.. errors]);
}

public sealed class AdminResult<T> : AdminResult
{
    internal AdminResult(T? value, IReadOnlyList<string> errors)
        : base(errors) => Value = value;

    /// <summary>Set when <see cref="AdminResult.Succeeded"/>.</summary>
    public T? Value { get; }
}

/// <summary>The messages more than one page or service gives.</summary>
public static class AdminMessages
{
    public const string NotAllowed = "您没有管理账户和单位的权限。";
    public const string AccountChanged = "该账户已被他人修改，请刷新后重试。";
    public const string AccountMissing = "该账户不存在或已被删除。";
    public const string UnitChanged = "该单位已被他人修改，请刷新后重试。";
    public const string UnitMissing = "该单位不存在或已被删除。";
    public const string GroupChanged = "该小组已被他人修改，请刷新后重试。";
    public const string GroupMissing = "该小组不存在或已被删除。";
}
