using Intranet.Domain.Accounts;
using Intranet.Web.Accounts;

namespace Intranet.Web.Welfare;

internal static class WelfareAccess
{
    /// <summary>
    /// Welfare's reads sit behind <see cref="Policies.ReadWelfare"/>; only a call that bypassed the pages gets here without
    /// it, and it is refused rather than answered empty.
    /// </summary>
    public static void DemandWelfare(this CurrentUser user)
    {
        if (!user.Can(Permissions.CanReadWelfare))
        {
            throw new UnauthorizedAccessException("您的账户不能查看帮扶和慰问记录。");
        }
    }
}
