using System.Globalization;
using System.Text;
using Intranet.Domain.Register;

namespace Intranet.Web.Register.Import;

/// <summary>
/// Turns what many hands typed into a sheet over many years into register values: full-width digits and letters,
/// stray and full-width spaces, dates written six ways or stored as Excel serials, phones with dashes. Each parse
/// gives the value or a reason in Chinese, never a guess.
/// </summary>
public static class ImportValues
{
    // Excel counts days from 1899-12-30 (its 1900 leap-year bug included); serials past 80,000 are the 2100s.
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>Full-width digits, letters and spaces as ASCII; everything else (Chinese punctuation too) as typed.</summary>
    public static string HalfWidth(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var mapped = c switch
            {
                >= '\uFF10' and <= '\uFF19' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A' => (char)(c - 0xFEE0),
                '\u3000' or '\u00A0' or '\u2002' or '\u2003' or '\u2009' => ' ',
                '\uFF0D' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
                '\uFF0E' => '.',
                '\uFF0F' => '/',
                '\uFF0B' => '+',
                _ => c,
            };
            if (mapped != c || IsInvisible(c))
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                if (!IsInvisible(c))
                {
                    builder.Append(mapped);
                }
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>A cell's text as kept: half-width, trimmed, runs of spaces as one; nothing when blank.</summary>
    public static string? Text(object? cell)
    {
        var text = CellText(cell);
        if (text is null)
        {
            return null;
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in HalfWidth(text).Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>
    /// A name without the spaces offices type to line up two-character names (王　英); a name in Latin letters keeps
    /// single spaces between its words.
    /// </summary>
    public static string? Name(object? cell)
    {
        var text = Text(cell);
        if (text is null)
        {
            return null;
        }

        return text.Any(IsChinese) ? text.Replace(" ", string.Empty, StringComparison.Ordinal) : text;
    }

    /// <summary>The cell as the sheet shows it, for the preview's download: what the office typed, not what we made of it.</summary>
    public static string? CellText(object? cell) => cell switch
    {
        null or DBNull => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double v => v.ToString("0.##########", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    /// <summary>An ID number cell: full-width and spaces removed, a lower-case x, the 15-digit form upgraded.</summary>
    public static bool TryIdNumber(object? cell, out ResidentIdNumber id, out string? error)
    {
        id = default;
        if (cell is double number)
        {
            // Excel keeps 15 significant digits: an 18-digit number typed into a number cell has lost its last three.
            if (number >= 1e15)
            {
                error = "身份证号码被 Excel 存成了数字，最后几位已丢失；请把这一列设为“文本”后重新填写号码";
                return false;
            }

            cell = number.ToString("0", CultureInfo.InvariantCulture);
        }

        var text = Text(cell)?.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (ResidentIdNumber.TryParse(text, out var parsed, out error))
        {
            id = parsed.Value;
            return true;
        }

        return false;
    }

    /// <summary>
    /// A phone as kept: a mobile as its 11 digits (138 0013 8000 → 13800138000); a landline as area code, a dash and
    /// the number (028 8765 4321 → 028-87654321); a +86 prefix dropped.
    /// </summary>
    public static bool TryPhone(object? cell, out string? phone, out string? error)
    {
        phone = null;
        error = null;
        if (cell is double number)
        {
            cell = number.ToString("0", CultureInfo.InvariantCulture);
        }

        var text = Text(cell);
        if (text is null)
        {
            return true;
        }

        var compact = new StringBuilder();
        var separatorAfter = -1;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                compact.Append(c);
            }
            else if (c is ' ' or '-' or '(' or ')' or '（' or '）')
            {
                if (separatorAfter < 0 && compact.Length > 0)
                {
                    separatorAfter = compact.Length;
                }
            }
            else if (c == '+' && compact.Length == 0)
            {
                continue;
            }
            else
            {
                error = "电话含有数字以外的字符（写了几个号码的，请只留一个）";
                return false;
            }
        }

        var digits = compact.ToString();
        if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13 && text.TrimStart().StartsWith('+'))
        {
            digits = digits[2..];
        }

        if (digits.Length == 11 && digits[0] == '1')
        {
            phone = digits;
            return true;
        }

        if (digits.Length is >= 10 and <= 12 && digits[0] == '0')
        {
            // Area codes are three digits (010, 02x) or four; the sheet's own separator says which when it has one.
            var area = separatorAfter is 3 or 4 ? separatorAfter : digits[1] is '1' or '2' ? 3 : 4;
            phone = string.Concat(digits.AsSpan(0, area), "-", digits.AsSpan(area));
            return true;
        }

        if (digits.Length is 7 or 8)
        {
            phone = digits;
            return true;
        }

        error = $"电话号码位数不对（{digits.Length} 位），手机应为 11 位，座机为 7–8 位或带区号";
        return false;
    }

    /// <summary>How much of a date a cell gave: a whole day, or a month of a year (1950-3).</summary>
    public enum DatePrecision
    {
        Day = 1,
        Month = 2,
    }

    /// <summary>
    /// A date in any form an office sheet has: a real date cell, an Excel serial, 1950-03-02, 1950.3.2, 1950/03/02,
    /// 1950年3月2日, 19500302, or only the month (1950-3, 1950.3, 1950年3月, 195003). Only the month given is
    /// the month's first day with <see cref="DatePrecision.Month"/>.
    /// </summary>
    public static bool TryDate(object? cell, out DateOnly date, out DatePrecision precision, out string? error)
    {
        date = default;
        precision = DatePrecision.Day;
        error = null;
        switch (cell)
        {
            case DateTime value:
                date = DateOnly.FromDateTime(value);
                return CheckYear(date, out error);
            case double number:
                return TryNumber(number, out date, out precision, out error);
        }

        var text = Text(cell);
        if (text is null)
        {
            error = "日期为空";
            return false;
        }

        // A time of day after a date, as some systems export it (1950-03-02 00:00:00).
        if (text.Contains(':', StringComparison.Ordinal) && text.IndexOfAny([' ', 'T']) is > 0 and var cut)
        {
            text = text[..cut];
        }

        text = text.Replace(" ", string.Empty, StringComparison.Ordinal);

        var shown = text;
        text = text.Replace("年", "-", StringComparison.Ordinal).Replace("月", "-", StringComparison.Ordinal)
            .Replace("日", string.Empty, StringComparison.Ordinal).Replace("号", string.Empty, StringComparison.Ordinal)
            .Replace('.', '-').Replace('/', '-').Replace('、', '-').TrimEnd('-');

        if (text.All(char.IsAsciiDigit))
        {
            switch (text.Length)
            {
                case 8:
                    return Make(text[..4], text[4..6], text[6..], shown, out date, out error);
                case 6:
                    precision = DatePrecision.Month;
                    return Make(text[..4], text[4..], "1", shown, out date, out error);
                case >= 1 and <= 5 when int.TryParse(text, CultureInfo.InvariantCulture, out var serial):
                    return TryNumber(serial, out date, out precision, out error);
            }
        }

        var parts = text.Split('-');
        switch (parts.Length)
        {
            case 3:
                return Make(parts[0], parts[1], parts[2], shown, out date, out error);
            case 2:
                precision = DatePrecision.Month;
                return Make(parts[0], parts[1], "1", shown, out date, out error);
            default:
                error = $"无法识别的日期“{Shorten(shown)}”，请写成 1950-03-02 这样的格式";
                return false;
        }
    }

    private static bool TryNumber(double number, out DateOnly date, out DatePrecision precision, out string? error)
    {
        date = default;
        precision = DatePrecision.Day;
        var whole = Math.Floor(number);
        if (whole is >= 19000101 and <= 21001231 && whole == number)
        {
            var digits = whole.ToString("0", CultureInfo.InvariantCulture);
            return Make(digits[..4], digits[4..6], digits[6..], digits, out date, out error);
        }

        if (whole is >= 1890 and <= 2100 && whole != number)
        {
            // 1950.3 typed into a number cell: the month is the fraction. 1950.10 has become 1950.1 by then, which
            // could be January or October, so that one is refused rather than guessed.
            var fraction = number.ToString("0.######", CultureInfo.InvariantCulture).Split('.')[1];
            if (fraction == "1")
            {
                error = $"日期“{number.ToString(CultureInfo.InvariantCulture)}”可能是 1 月也可能是 10 月（Excel 把 .10 存成了 .1），请把单元格设为文本并写成 {whole}-10 或 {whole}-01";
                return false;
            }

            precision = DatePrecision.Month;
            return Make(whole.ToString("0", CultureInfo.InvariantCulture), fraction, "1", number.ToString(CultureInfo.InvariantCulture), out date, out error);
        }

        if (whole is >= 1 and <= 80000 && whole == number)
        {
            date = ExcelEpoch.AddDays((int)whole);
            return CheckYear(date, out error);
        }

        error = $"无法识别的日期“{number.ToString(CultureInfo.InvariantCulture)}”，请写成 1950-03-02 这样的格式";
        return false;
    }

    private static bool Make(string year, string month, string day, string shown, out DateOnly date, out string? error)
    {
        date = default;
        if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && year.Length == 4 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(Math.Clamp(y, 1, 9999), m))
        {
            date = new DateOnly(y, m, d);
            return CheckYear(date, out error);
        }

        error = $"日期“{Shorten(shown)}”不是有效的日期（年份须为四位，月 1–12，日不超过当月天数）";
        return false;
    }

    private static bool CheckYear(DateOnly date, out string? error)
    {
        error = date.Year is < 1890 or > 2100 ? $"日期“{date:yyyy-MM-dd}”的年份不合理" : null;
        return error is null;
    }

    /// <summary>是/否 in the forms sheets use (√, ×, Y, 1, 是的…); <c>null</c> when the cell says neither.</summary>
    public static bool? YesNo(object? cell) => cell switch
    {
        bool b => b,
        double d => d == 1 ? true : d == 0 ? false : null,
        _ => Text(cell)?.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "是" or "是的" or "√" or "✓" or "✔" or "Y" or "YES" or "1" or "TRUE" or "有" or "会员" or "已故" or "去世" or "死亡" => true,
            "否" or "不是" or "×" or "✗" or "N" or "NO" or "0" or "FALSE" or "无" or "非会员" or "健在" or "在世" => false,
            _ => null,
        },
    };

    /// <summary>A key to compare organisation names by: no spaces, brackets or dots, half-width, lower case.</summary>
    public static string NameKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in HalfWidth(name))
        {
            if (char.IsWhiteSpace(c) || c is '(' or ')' or '（' or '）' or '·' or '.' or '-' or '_' or '、' or '“' or '”' or '"')
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Edit distance (Levenshtein) between two short names, for offering the closest ones.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    public static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static bool IsChinese(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u2060';
}
