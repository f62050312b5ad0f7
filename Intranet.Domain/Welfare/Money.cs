using System.Globalization;

namespace Intranet.Domain.Welfare;

/// <summary>Amounts are kept in whole fen (分), so sums are exact and SQLite adds them in SQL; people read and type yuan.</summary>
public static class Money
{
    /// <summary>"1,234.50": yuan with two decimals.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>Reads what a person types as yuan ("1234.5", "1,234.50", "￥800", "８００") into fen; false for anything else or more than two decimals.</summary>
    public static bool TryParseYuan(string? text, out long fen)
    {
        fen = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalised = new string(text.Trim().Normalize(System.Text.NormalizationForm.FormKC)
            .Where(c => c is not (',' or '￥' or '¥' or ' ') && c != '元').ToArray());
        if (!decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)
            || decimal.Round(yuan, 2) != yuan || yuan > 100_000_000m)
        {
            return false;
        }

        fen = (long)(yuan * 100m);
        return true;
    }
}
