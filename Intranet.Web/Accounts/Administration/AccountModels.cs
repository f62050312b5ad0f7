using Intranet.Domain.Accounts;
using Intranet.Web.Platform.Lists;

namespace Intranet.Web.Accounts.Administration;

/// <summary>Which roles belong to a unit or a group, for the form and the checks alike.</summary>
public static class AccountRules
{
    public static bool NeedsUnit(UserRole role) => role is UserRole.UnitOfficer or UserRole.GroupLeader;

    public static bool NeedsGroup(UserRole role) => role is UserRole.GroupLeader;

    public static bool IsUsable(bool isDisabled, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        !isDisabled && (lockoutEnd is null || lockoutEnd <= now);
}

public sealed record AccountFilter : IListFilter<AccountFilter>
{
    /// <summary>Part of a name or a login name.</summary>
    public string? Search { get; init; }

    public UserRole? Role { get; init; }

    public int? UnitId { get; init; }

    public Dictionary<string, string?> ToQuery() => new()
    {
        ["q"] = QueryValues.Of(Search),
        ["role"] = Role?.ToString(),
        ["unit"] = QueryValues.Of(UnitId),
    };

    public static AccountFilter FromQuery(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query)
    {
        var values = new QueryValues(query);
        return new AccountFilter { Search = values.Text("q"), Role = values.Enum<UserRole>("role"), UnitId = values.Number("unit") };
    }
}

public sealed record AccountListItem(
    int Id,
    string UserName,
    string DisplayName,
    UserRole Role,
    string? UnitName,
    string? GroupName,
    bool IsDisabled,
    DateTimeOffset? LockedUntil,
    bool MustChangePassword,
    DateTime? LastSignInAt)
{
    public bool IsLocked => LockedUntil is not null;

    /// <summary>Locked by an administrator rather than for a while after failed sign-ins.</summary>
    public bool IsLockedIndefinitely => LockedUntil >= AccountAdmin.LockedByAdministrator;
}

/// <summary>What the create and edit form holds. The login name is only taken when creating.</summary>
public sealed class AccountForm
{
    public string UserName { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>For the daily reminder digest by mail; optional.</summary>
    public string? Email { get; set; }

    public UserRole? Role { get; set; }

    public int? UnitId { get; set; }

    public int? GroupId { get; set; }

    /// <summary>The account's version when the form was loaded.</summary>
    public long Version { get; set; }
}

/// <summary>A password to be handed on once; it is not stored anywhere in readable form.</summary>
public sealed record IssuedPassword(int AccountId, string UserName, string DisplayName, string Password);
