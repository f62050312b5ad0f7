using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;

namespace Intranet.Domain.Accounts;

/// <summary>What a person does in the office, which decides what they see and change (see <see cref="AccessRules"/>).</summary>
public enum UserRole
{
    [Display(Name = "系统管理员")]
    Administrator = 1,
    [Display(Name = "区退管会工作人员")]
    DistrictStaff = 2,
    [Display(Name = "单位退管干部")]
    UnitOfficer = 3,
    [Display(Name = "退休小组长")]
    GroupLeader = 4,
    [Display(Name = "领导")]
    Leadership = 5,
}

public static class UserRoleLabels
{
    public static string Label(this UserRole role) => EnumLabel.Of(role);

    public static IReadOnlyList<UserRole> All { get; } =
        [UserRole.Administrator, UserRole.DistrictStaff, UserRole.UnitOfficer, UserRole.GroupLeader, UserRole.Leadership];
}
