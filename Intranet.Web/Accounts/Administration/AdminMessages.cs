namespace Intranet.Web.Accounts.Administration;

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
