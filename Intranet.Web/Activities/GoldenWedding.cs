using Intranet.Domain.Activities;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Activities;

/// <summary>
/// Who a golden-wedding celebration may invite, computed in SQL over the register (one query, however large):
/// married 50 years or more on the day of the celebration, the retiree alive and the spouse not recorded as deceased
/// (a spouse outside the register is only a name), not already invited to this celebration, and — unless asked
/// otherwise — not one who already <em>attended</em> another golden-wedding celebration. A couple both in the
/// register (two retirees naming each other, married the same day) is one couple, listed under the lower id.
/// </summary>
/// <remarks>
/// "Already celebrated" means attended, not invited: a couple who were invited and then declined or could not come
/// (illness, travel) have not been celebrated, and the office asks them again the next year.
/// A wedding on 29 February reaches its 50 years on 1 March in a year without that day, as <see cref="Retiree.AgeOn(DateOnly, DateOnly)"/> counts birthdays.
/// </remarks>
public static class GoldenWedding
{
    public const int Years = 50;

    /// <summary>The latest wedding day that has its 50 years on <paramref name="day"/>.</summary>
    public static DateOnly MarriedBy(DateOnly day) => day.AddYears(-Years);

    public static int YearsMarried(DateOnly marriage, DateOnly day) => Retiree.AgeOn(marriage, day);

    /// <param name="people">The retirees to choose from (the signed-in person's scope).</param>
    /// <param name="once">A couple both in <paramref name="people"/> listed once (under the lower id); off when checking a given person.</param>
    internal static IQueryable<Retiree> Eligible(IntranetDbContext db, IQueryable<Retiree> people, int activityId, DateOnly day, bool excludeCelebrated, bool once = true)
    {
        var marriedBy = MarriedBy(day);
        var everyone = db.Retirees.AsNoTracking();
        var participants = db.Set<ActivityParticipant>().AsNoTracking();

        var query = people.Where(r => !r.IsDeceased && !r.SpouseIsDeceased
            && r.MarriageDate != null && r.MarriageDate <= marriedBy
            && r.SpouseName != null && r.SpouseName != string.Empty);

        // A spouse in the register who has died there, though this record was not updated: no couple to celebrate.
        query = query.Where(r => !everyone.Any(s => s.Name == r.SpouseName && s.SpouseName == r.Name && s.MarriageDate == r.MarriageDate && s.IsDeceased));

        if (once)
        {
            query = query.Where(r => !people.Any(s => s.Id < r.Id && s.Name == r.SpouseName && s.SpouseName == r.Name && s.MarriageDate == r.MarriageDate
                && !s.IsDeceased && !s.SpouseIsDeceased));
        }

        // Already on this celebration's list, themselves or as the spouse of someone on it. Each way is its own
        // EXISTS, so each walks an index (participants by person; people by name) rather than every participant row
        // for every candidate, which an OR of the two would force.
        query = query.Where(r => !participants.Any(p => p.RetireeId == r.Id && p.ActivityId == activityId)
            && !everyone.Any(s => s.Name == r.SpouseName && s.SpouseName == r.Name && s.MarriageDate == r.MarriageDate
                && participants.Any(p => p.RetireeId == s.Id && p.ActivityId == activityId)));

        if (excludeCelebrated)
        {
            query = query.Where(r => !participants.Any(p => p.RetireeId == r.Id && p.ActivityId != activityId
                    && p.Status == ParticipationStatus.Attended && p.Activity!.Kind == ActivityKind.GoldenWedding)
                && !everyone.Any(s => s.Name == r.SpouseName && s.SpouseName == r.Name && s.MarriageDate == r.MarriageDate
                    && participants.Any(p => p.RetireeId == s.Id && p.ActivityId != activityId
                        && p.Status == ParticipationStatus.Attended && p.Activity!.Kind == ActivityKind.GoldenWedding)));
        }

        return query;
    }

    /// <summary>Why <paramref name="retiree"/> cannot be invited to the celebration on <paramref name="day"/>, in a sentence; <c>null</c> when they can.</summary>
    internal static async Task<string?> WhyNotAsync(IntranetDbContext db, Retiree retiree, Activity activity, bool excludeCelebrated, CancellationToken cancellationToken)
    {
        if (retiree.IsDeceased)
        {
            return $"{retiree.Name}已故。";
        }

        if (retiree.SpouseIsDeceased)
        {
            return $"{retiree.Name}的配偶已故。";
        }

        if (retiree.MarriageDate is not { } married || string.IsNullOrWhiteSpace(retiree.SpouseName))
        {
            return $"名册中没有{retiree.Name}的配偶姓名或结婚日期。";
        }

        if (married > MarriedBy(activity.Date))
        {
            return $"{retiree.Name}于{married:yyyy-MM-dd}结婚，到{activity.Date:yyyy-MM-dd}未满 50 年。";
        }

        var spouse = db.Retirees.AsNoTracking().Where(s => s.Name == retiree.SpouseName && s.SpouseName == retiree.Name && s.MarriageDate == retiree.MarriageDate);
        if (await spouse.AnyAsync(s => s.IsDeceased, cancellationToken))
        {
            return $"{retiree.Name}的配偶{retiree.SpouseName}在名册中已故。";
        }

        var ids = await spouse.Select(s => s.Id).ToListAsync(cancellationToken);
        ids.Add(retiree.Id);
        var participations = db.Set<ActivityParticipant>().AsNoTracking().Where(p => ids.Contains(p.RetireeId));
        if (await participations.AnyAsync(p => p.ActivityId == activity.Id, cancellationToken))
        {
            return $"{retiree.Name}夫妇已在本次庆典的邀请名单中。";
        }

        if (excludeCelebrated && await participations
                .Where(p => p.Status == ParticipationStatus.Attended && p.Activity!.Kind == ActivityKind.GoldenWedding)
                .Select(p => (DateOnly?)p.Activity!.Date).FirstOrDefaultAsync(cancellationToken) is { } celebrated)
        {
            return $"{retiree.Name}夫妇已参加过 {celebrated:yyyy-MM-dd} 的金婚庆典。";
        }

        return null;
    }
}
