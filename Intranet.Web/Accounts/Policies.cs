using Intranet.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Intranet.Web.Accounts;

/// <summary>Page- and endpoint-level gates; the data queries apply the unit/group scope on top.</summary>
public static class Policies
{
    public const string ReadRegister = nameof(ReadRegister);
    public const string EditRecords = nameof(EditRecords);
    public const string ReadWelfare = nameof(ReadWelfare);
    public const string ReadProgrammes = nameof(ReadProgrammes);
    public const string ManageProgrammes = nameof(ManageProgrammes);
    public const string ReadDashboard = nameof(ReadDashboard);
    public const string ViewScreen = nameof(ViewScreen);
    public const string ManageAccounts = nameof(ManageAccounts);
    public const string ReadAuditLog = nameof(ReadAuditLog);
    public const string ReadReminders = nameof(ReadReminders);
    public const string ManageJobs = nameof(ManageJobs);

    public static void Add(AuthorizationOptions options)
    {
        Require(options, ReadRegister, Permissions.CanReadRegister);
        Require(options, EditRecords, Permissions.CanEditRecords);
        Require(options, ReadWelfare, Permissions.CanReadWelfare);
        Require(options, ReadProgrammes, Permissions.CanReadProgrammes);
        Require(options, ManageProgrammes, Permissions.CanManageProgrammes);
        Require(options, ReadDashboard, Permissions.CanReadDashboard);
        Require(options, ViewScreen, Permissions.CanViewScreen);
        Require(options, ManageAccounts, Permissions.CanManageAccounts);
        Require(options, ReadAuditLog, Permissions.CanReadAuditLog);
        Require(options, ReadReminders, Permissions.CanReadReminders);
        Require(options, ManageJobs, Permissions.CanManageJobs);
    }

    private static void Require(AuthorizationOptions options, string name, Func<UserRole, bool> allowed) =>
        options.AddPolicy(name, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.Role() is { } role && allowed(role)));
}
