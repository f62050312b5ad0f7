using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Intranet.Domain.Register;

/// <summary>
/// A resident identity number (居民身份证号码) per GB 11643-1999: 6-digit area code, 8-digit birth date,
/// 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
/// Old sheets still carry the 15-digit form (2-digit year, no check character); it is upgraded on parse.
/// </summary>
public readonly record struct ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private ResidentIdNumber(string value, DateOnly birthDate, Gender gender)
    {
        Value = value;
        BirthDate = birthDate;
        Gender = gender;
    }

    /// <summary>The normalised 18-character number (upper-case X).</summary>
    public string Value { get; }

    public DateOnly BirthDate { get; }

    public Gender Gender { get; }

    public override string ToString() => Value;

    /// <summary>Parses an 18- or 15-digit number; on failure <paramref name="error"/> says why, in Chinese, for the user.</summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out ResidentIdNumber? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        var text = (input ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (text.Length == 0)
        {
            error = "身份证号码不能为空";
            return false;
        }

        if (text.Length == 15)
        {
            if (!text.All(char.IsAsciiDigit))
            {
                error = "15位身份证号码只能包含数字";
                return false;
            }

            // Every 15-digit number was issued to someone born in the 1900s.
            text = string.Concat(text.AsSpan(0, 6), "19", text.AsSpan(6));
            text += ComputeCheckCharacter(text);
        }
        else if (text.Length != 18)
        {
            error = $"身份证号码应为18位（或旧式15位），当前为{text.Length}位";
            return false;
        }

        if (!text.AsSpan(0, 17).ToString().All(char.IsAsciiDigit) || !(char.IsAsciiDigit(text[17]) || text[17] == 'X'))
        {
            error = "身份证号码前17位必须是数字，最后一位是数字或X";
            return false;
        }

        if (text[0] == '0' || text[0] == '9')
        {
            error = "身份证号码的地区码不正确";
            return false;
        }

        if (!DateOnly.TryParseExact(text.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1890)
        {
            error = "身份证号码中的出生日期不正确";
            return false;
        }

        var expected = ComputeCheckCharacter(text.AsSpan(0, 17));
        if (text[17] != expected)
        {
            error = "身份证号码校验位不正确，请核对";
            return false;
        }

        var gender = (text[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
        result = new ResidentIdNumber(text, birth, gender);
        error = null;
        return true;
    }

    public static ResidentIdNumber Parse(string input) =>
        TryParse(input, out var id, out var error) ? id.Value : throw new FormatException(error);

    /// <summary>Builds a valid number from its parts; used by the demo data and tests.</summary>
    public static ResidentIdNumber Create(string areaCode, DateOnly birthDate, int sequence, Gender gender)
    {
        if (areaCode.Length != 6 || !areaCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Area code must be 6 digits.", nameof(areaCode));
        }

        // The sequence's last digit carries the gender: odd for men, even for women.
        var seq = sequence % 499 * 2 + 2 + (gender == Gender.Male ? 1 : 0);
        var body = string.Create(CultureInfo.InvariantCulture, $"{areaCode}{birthDate:yyyyMMdd}{seq:000}");
        return Parse(body + ComputeCheckCharacter(body));
    }

    internal static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// Keeps only the six-digit area code: 510105************. The birth date is shown beside the number anyway,
    /// and the sequence and check digit are what would rebuild it: with the last four kept (the usual
    /// 510105********1234) a shown birth date gives back the whole number. With the area and the birth date known,
    /// and the gender, 500 numbers remain. Always as long as an 18-character number, so the mask does not tell an old
    /// 15-digit number (from an old sheet) from a new one.
    /// </summary>
    public static string Mask(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty
        : value.Length <= 6 ? new string('*', value.Length)
        : string.Concat(value.AsSpan(0, 6), new string('*', 12));
}
