using Intranet.Domain.Accounts;
using Intranet.Web.Accounts;

namespace Intranet.Web.Programmes;

/// <summary>The checks the programmes (university, activities, clubs and contests) share, in their words.</summary>
internal static class ProgrammeAccess
{
    /// <summary>
    /// Reads sit behind <see cref="Policies.ReadProgrammes"/>; only a call that bypassed the pages gets here without
    /// it, and it is refused rather than answered empty.
    /// </summary>
    public static void DemandProgrammes(this CurrentUser user)
    {
        if (!user.Can(Permissions.CanReadProgrammes))
        {
            throw new UnauthorizedAccessException("您的账户不能查看老年大学、活动和比赛。");
        }
    }

    /// <summary>Whether the district-run parts (terms, classes, attendance, clubs, contests, results) may be changed.</summary>
    public static bool MayManageProgrammes(this CurrentUser user) => user.Can(Permissions.CanManageProgrammes);

    public const string NotManager = "只有区退管会工作人员可以管理老年大学、社团和比赛。";
}
