using System.Globalization;
using Intranet.Domain.Accounts;
using Intranet.Web.Platform.Forms;
using Intranet.Web.Platform.Lists;
using Radzen;

namespace Intranet.Web.Accounts.Administration;

/// <summary>How the admin pages show times and account states.</summary>
public static class AdminFormat
{
    /// <summary>A stored UTC time in the office's time zone.</summary>
    public static string Local(DateTime utc, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), time.LocalTimeZone)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    public static string Local(DateTimeOffset moment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return TimeZoneInfo.ConvertTime(moment, time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The badges of the status column: 正常, or each reason the account cannot be used as usual.</summary>
    public static IReadOnlyList<(string Text, BadgeStyle Style)> Status(AccountListItem account, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(account);
        var badges = new List<(string, BadgeStyle)>();
        if (account.IsDisabled)
        {
            badges.Add(("已停用", BadgeStyle.Danger));
        }

        if (account.LockedUntil is { } until)
        {
            badges.Add((account.IsLockedIndefinitely ? "已锁定" : $"已锁定至 {Local(until, time)}", BadgeStyle.Warning));
        }

        if (account.MustChangePassword)
        {
            badges.Add(("须改密码", BadgeStyle.Info));
        }

        if (badges.Count == 0)
        {
            badges.Add(("正常", BadgeStyle.Success));
        }

        return badges;
    }
}

/// <summary>The fixed choices of the admin forms, and the confirm buttons' words.</summary>
public static class AdminChoices
{
    public static IReadOnlyList<Option<UserRole>> Roles { get; } = FieldOptions.Of(UserRoleLabels.All, r => r.Label());

    public static ConfirmOptions Confirm(string ok) => new() { OkButtonText = ok, CancelButtonText = "取消", Width = "480px" };
}

