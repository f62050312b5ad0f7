using System.Globalization;
using System.Security.Claims;
using Intranet.Domain.Accounts;

namespace Intranet.Web.Accounts;

/// <summary>The claims the app puts in its cookie, and how to read them back.</summary>
public static class IntranetClaims
{
    public const string DisplayName = "intranet:display_name";
    public const string UnitId = "intranet:unit_id";
    public const string GroupId = "intranet:group_id";
    public const string MustChangePassword = "intranet:must_change_password";

    /// <summary>One sign-in: idle expiry is tracked per session, not per account.</summary>
    public const string SessionId = "intranet:sid";

    public static UserRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<UserRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static int? UserId(this ClaimsPrincipal user) => Int(user, ClaimTypes.NameIdentifier);

    public static int? UnitIdOf(this ClaimsPrincipal user) => Int(user, UnitId);

    public static int? GroupIdOf(this ClaimsPrincipal user) => Int(user, GroupId);

    public static string? SessionOf(this ClaimsPrincipal user) => user.FindFirstValue(SessionId);

    public static bool MustChangePasswordOf(this ClaimsPrincipal user) => user.HasClaim(MustChangePassword, "true");

    public static AccessScope Scope(this ClaimsPrincipal user) =>
        user.Role() is { } role ? AccessScope.For(role, user.UnitIdOf(), user.GroupIdOf()) : AccessScope.Nothing;

    private static int? Int(ClaimsPrincipal user, string type) =>
        int.TryParse(user.FindFirstValue(type), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
