using Intranet.Domain.Reminders;

namespace Intranet.Tests.Reminders;

public class ChineseDatesTests
{
    [Theory]
    [InlineData(2026, "2026-02-17", "2026-10-18")]
    [InlineData(2025, "2025-01-29", "2025-10-29")]
    [InlineData(2033, "2033-01-31", "2033-10-01")] // 2033 has a leap eleventh month, after the ninth
    [InlineData(1995, "1995-01-31", "1995-11-01")]
    public void The_Spring_Festival_and_the_Double_Ninth_fall_on_their_solar_days(int year, string springFestival, string doubleNinth)
    {
        Assert.Equal(DateOnly.Parse(springFestival, System.Globalization.CultureInfo.InvariantCulture), ChineseDates.SpringFestival(year));
        Assert.Equal(DateOnly.Parse(doubleNinth, System.Globalization.CultureInfo.InvariantCulture), ChineseDates.DoubleNinth(year));
    }

    [Theory]
    [InlineData("2026-02-17", "正月初一")]
    [InlineData("2026-10-18", "九月初九")]
    [InlineData("2025-08-08", "闰六月十五")]
    [InlineData("2027-01-27", "腊月二十")]
    [InlineData("2026-12-20", "冬月十二")]
    [InlineData("2026-05-16", "三月三十")]
    [InlineData("2027-01-31", "腊月廿四")]
    public void A_solar_day_reads_as_the_family_says_its_lunar_date(string solar, string lunar) =>
        Assert.Equal(lunar, ChineseDates.ToLunar(DateOnly.Parse(solar, System.Globalization.CultureInfo.InvariantCulture))!.Value.ToString());

    [Fact]
    public void Days_outside_the_calendar_and_lunar_days_a_year_lacks_have_no_answer_rather_than_a_wrong_one()
    {
        Assert.Null(ChineseDates.ToLunar(new DateOnly(1900, 6, 1)));
        Assert.Null(ChineseDates.ToSolar(2026, 6, 15, leapMonth: true)); // 2026 has no leap month
        Assert.Null(ChineseDates.ToSolar(2027, 3, 30));                  // 2027's third month has 29 days
        Assert.Equal(new DateOnly(2027, 5, 5), ChineseDates.BirthdayIn(new LunarDate(1945, 3, 30, false), 2027));
        Assert.Equal(new DateOnly(2026, 7, 28), ChineseDates.BirthdayIn(new LunarDate(1941, 6, 15, true), 2026));
        Assert.Equal(new DateOnly(2025, 8, 8), ChineseDates.BirthdayIn(new LunarDate(1941, 6, 15, true), 2025));
        Assert.Equal(new DateOnly(2026, 2, 28), ChineseDates.SolarAnniversary(new DateOnly(1944, 2, 29), 2026));
        Assert.Equal(new DateOnly(2028, 2, 29), ChineseDates.SolarAnniversary(new DateOnly(1944, 2, 29), 2028));
    }
}
