using System.Globalization;

namespace Intranet.Domain.Reminders;

/// <summary>A day of the Chinese lunar calendar: the lunar year (which starts at the Spring Festival), the month 1–12, and whether it is the leap month of that number.</summary>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth)
{
    private static readonly string[] MonthNames = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"];

    private static readonly string[] Tens = ["初", "十", "廿", "三"];

    private static readonly string[] Units = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    /// <summary>The month and day as the family says them: 闰六月三十, 正月初一, 腊月廿三.</summary>
    public override string ToString() => $"{(IsLeapMonth ? "闰" : string.Empty)}{MonthNames[Month - 1]}月{DayName(Day)}";

    private static string DayName(int day) => day switch
    {
        10 => "初十",
        20 => "二十",
        30 => "三十",
        _ => Tens[day / 10] + Units[day % 10],
    };
}

/// <summary>
/// The lunar dates the office lives by — lunar birthdays, the Spring Festival (正月初一) and the Double Ninth (九月初九) —
/// turned into the solar days the reminders fall on, with <see cref="ChineseLunisolarCalendar"/>.
/// </summary>
public static class ChineseDates
{
    private static readonly ChineseLunisolarCalendar Calendar = new();

    public static DateOnly FirstSupported { get; } = DateOnly.FromDateTime(Calendar.MinSupportedDateTime);

    public static DateOnly LastSupported { get; } = DateOnly.FromDateTime(Calendar.MaxSupportedDateTime);

    /// <summary>The lunar date of a solar day; null outside the calendar's range (before 1901-02-19 or after 2101-01-28).</summary>
    public static LunarDate? ToLunar(DateOnly day)
    {
        if (day < FirstSupported || day > LastSupported)
        {
            return null;
        }

        var time = day.ToDateTime(TimeOnly.MinValue);
        var year = Calendar.GetYear(time);
        var index = Calendar.GetMonth(time);
        var leap = Calendar.GetLeapMonth(year);

        // The calendar numbers months 1–13 in a leap year: the leap month takes the index after its namesake.
        var month = leap > 0 && index >= leap ? index - 1 : index;
        return new LunarDate(year, month, Calendar.GetDayOfMonth(time), leap > 0 && index == leap);
    }

    /// <summary>The solar day of a lunar date that exists; null when that year has no such day or is out of range.</summary>
    public static DateOnly? ToSolar(int lunarYear, int month, int day, bool leapMonth = false)
    {
        if (lunarYear < 1901 || lunarYear > 2100 || month is < 1 or > 12 || day is < 1 or > 30)
        {
            return null;
        }

        var leap = Calendar.GetLeapMonth(lunarYear);
        if (leapMonth && leap != month + 1)
        {
            return null;
        }

        var index = leapMonth ? leap : (leap > 0 && month >= leap ? month + 1 : month);
        if (day > Calendar.GetDaysInMonth(lunarYear, index))
        {
            return null;
        }

        try
        {
            return DateOnly.FromDateTime(Calendar.ToDateTime(lunarYear, index, day, 0, 0, 0, 0));
        }
        catch (ArgumentOutOfRangeException)
        {
            // The last lunar year's end lies past the calendar's supported range.
            return null;
        }
    }

    /// <summary>
    /// The solar day of a lunar birthday in <paramref name="lunarYear"/>. The stated rules, as families keep them:
    /// born in a leap month, the birthday is kept in the leap month when that year has the same one, otherwise in the
    /// ordinary month of that number; born on the 30th, in a year whose month has only 29 days it is kept on the 29th.
    /// </summary>
    public static DateOnly? BirthdayIn(LunarDate birth, int lunarYear)
    {
        var leapMonth = birth.IsLeapMonth && Calendar.GetLeapMonth(Math.Clamp(lunarYear, 1901, 2100)) == birth.Month + 1;
        return ToSolar(lunarYear, birth.Month, birth.Day, leapMonth)
            ?? (birth.Day == 30 ? ToSolar(lunarYear, birth.Month, 29, leapMonth) : null);
    }

    /// <summary>A solar anniversary (birthday, wedding) in <paramref name="year"/>; 29 February is kept on the 28th in a common year.</summary>
    public static DateOnly SolarAnniversary(DateOnly date, int year) =>
        date.Month == 2 && date.Day == 29 && !DateTime.IsLeapYear(year) ? new DateOnly(year, 2, 28) : new DateOnly(year, date.Month, date.Day);

    /// <summary>春节: the first day of the first lunar month of <paramref name="lunarYear"/>.</summary>
    public static DateOnly? SpringFestival(int lunarYear) => ToSolar(lunarYear, 1, 1);

    /// <summary>重阳节: the ninth day of the ninth lunar month.</summary>
    public static DateOnly? DoubleNinth(int lunarYear) => ToSolar(lunarYear, 9, 9);
}
