using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Intranet.Domain.Welfare;

namespace Intranet.Jobs.Reminders;

/// <summary>
/// The festival visits' cohort as the office set it (<see cref="HolidayReminders"/>): counted by the scan for the
/// reminder, and the same cohort the one-click campaign freezes.
/// </summary>
public static class HolidayCampaigns
{
    /// <summary>A campaign of the festival's occasion ending this many days before the festival counts as its campaign…</summary>
    private const int MatchDaysBefore = 45;

    /// <summary>…or this many after.</summary>
    private const int MatchDaysAfter = 30;

    /// <summary>The campaigns of <paramref name="occasion"/> that count as the festival's (ending near it).</summary>
    public static IQueryable<VisitCampaign> For(IQueryable<VisitCampaign> campaigns, VisitOccasion occasion, DateOnly festival)
    {
        var early = festival.AddDays(-MatchDaysBefore);
        var late = festival.AddDays(MatchDaysAfter);
        return campaigns.Where(c => c.Occasion == occasion && c.EndsOn >= early && c.EndsOn <= late);
    }

    /// <summary>Living people of the cohort, by their age on <paramref name="day"/> (as a campaign created that day counts them).</summary>
    public static IQueryable<Retiree> Cohort(IQueryable<Retiree> people, HolidayReminders rules, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var query = people.Where(r => !r.IsDeceased);
        if (rules.MinAge is { } age)
        {
            var bornBy = day.AddYears(-age);
            query = query.Where(r => r.BirthDate <= bornBy);
        }

        if (rules.Care != CareCategories.None)
        {
            var care = rules.Care;
            query = query.Where(r => (r.CareCategories & care) == care);
        }

        return query;
    }

    /// <summary>The cohort in words, ending so a count can follow: "80岁及以上、独居的老师".</summary>
    public static string Describe(HolidayReminders rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var parts = new List<string>();
        if (rules.MinAge is { } age)
        {
            parts.Add($"{age}岁及以上");
        }

        if (rules.Care != CareCategories.None)
        {
            parts.Add(EnumLabel.Of(rules.Care));
        }

        return parts.Count == 0 ? "全体健在老师" : string.Join("、", parts) + "的老师";
    }
}
