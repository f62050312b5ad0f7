using Intranet.Domain.Activities;
using Intranet.Domain.Register;
using Intranet.Tests.Support;

namespace Intranet.Tests.Activities;

/// <summary>Activities and invitations a test needs, saved straight into its database (no rules checked).</summary>
internal static class ActivityTestData
{
    public static Activity AddActivity(this TestDatabase database, ActivityKind kind, DateOnly date, int? unitId = null, int guests = 0, string? title = null)
    {
        using var db = database.CreateContext();
        var activity = new Activity { Kind = kind, Title = title ?? $"{kind} {date:yyyy-MM-dd}", Date = date, OrganiserUnitId = unitId, GuestCount = guests };
        db.Add(activity);
        db.SaveChanges();
        return activity;
    }

    public static ActivityParticipant AddParticipant(this TestDatabase database, Activity activity, Retiree retiree, ParticipationStatus status = ParticipationStatus.Invited)
    {
        using var db = database.CreateContext();
        var participant = new ActivityParticipant { ActivityId = activity.Id, RetireeId = retiree.Id, Status = status, SpouseName = retiree.SpouseName };
        db.Add(participant);
        db.SaveChanges();
        return participant;
    }

    /// <summary>A married retiree: <paramref name="spouse"/> is just a name unless another retiree names them back.</summary>
    public static Retiree Married(this RegisterBuilder make, Unit unit, string name, string spouse, DateOnly married, Action<Retiree>? configure = null) =>
        make.Retiree(unit, name, age: 78, configure: r =>
        {
            r.SpouseName = spouse;
            r.MarriageDate = married;
            configure?.Invoke(r);
        });
}
