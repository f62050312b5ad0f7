using System.Globalization;
using System.Text;

namespace Intranet.Domain.Register.Demo;

/// <summary>Writes 1–9999 the way offices number their branches: 第一, 第十二, 第二十四, 第一百零五.</summary>
internal static class ChineseNumerals
{
    private const string Digits = "零一二三四五六七八九";
    private static readonly string[] Places = ["", "十", "百", "千"];

    public static string Format(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 9999);

        var text = value.ToString(CultureInfo.InvariantCulture);
        var result = new StringBuilder();
        var zeroPending = false;
        for (var i = 0; i < text.Length; i++)
        {
            var digit = text[i] - '0';
            var place = text.Length - 1 - i;
            if (digit == 0)
            {
                // Inner zeros are read once (一百零五), trailing zeros not at all (一百一十).
                zeroPending = true;
                continue;
            }

            if (zeroPending)
            {
                result.Append(Digits[0]);
                zeroPending = false;
            }

            // Ten to nineteen are said 十, 十一 …, never 一十一 on their own.
            if (!(digit == 1 && place == 1 && i == 0))
            {
                result.Append(Digits[digit]);
            }

            result.Append(Places[place]);
        }

        return result.ToString();
    }
}
