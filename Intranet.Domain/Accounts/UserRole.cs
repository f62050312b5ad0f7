namespace Intranet.Domain.Accounts;

/// <summary>What a person does in the office, which decides what they see and change (see <see cref="AccessRules"/>).</summary>
public enum UserRole
{
    Administrator = 1,
    DistrictStaff = 2,
    UnitOfficer = 3,
    GroupLeader = 4,
    Leadership = 5,
}

public static class UserRoleLabels
{
    public static string Label(this UserRole role) => role switch
    {
        UserRole.Administrator => "系统管理员",
        UserRole.DistrictStaff => "区退管会工作人员",
        UserRole.UnitOfficer => "单位退管干部",
        UserRole.GroupLeader => "退休小组长",
        UserRole.Leadership => "领导",
        _ => "未知",
    };

    public static IReadOnlyList<UserRole> All { get; } =
        [UserRole.Administrator, UserRole.DistrictStaff, UserRole.UnitOfficer, UserRole.GroupLeader, UserRole.Leadership];
}
