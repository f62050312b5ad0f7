using Intranet.Domain.Accounts;

namespace Intranet.Domain.Reminders;

/// <summary>Which reminders a person's inbox holds: in their scope, and for group leaders only their group's birthdays.</summary>
public static class ReminderInbox
{
    public static IQueryable<Reminder> Visible(IQueryable<Reminder> reminders, UserRole? role, AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (role is not { } r || !r.CanReadReminders())
        {
            return reminders.Where(_ => false);
        }

        var visible = scope.Apply(reminders);
        return r == UserRole.GroupLeader ? visible.Where(x => x.Kind == ReminderKind.Birthday) : visible;
    }

    /// <summary>Open and not snoozed past <paramref name="today"/>: what the header counts.</summary>
    public static IQueryable<Reminder> Waiting(IQueryable<Reminder> visible, DateOnly today) =>
        visible.Where(r => r.Status == ReminderStatus.Open && (r.SnoozedUntil == null || r.SnoozedUntil <= today));
}
