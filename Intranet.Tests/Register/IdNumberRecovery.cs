using System.Text.RegularExpressions;
using Intranet.Domain.Register;

namespace Intranet.Tests.Register;

/// <summary>
/// How many ID numbers remain possible for a person to someone who has seen <c>seen</c>, and who also knows
/// the district's area code, the person's birth date and gender (the register shows them). Every shape of the
/// number in what was seen (masked or not) that agrees with the real one gives away its unmasked characters;
/// the check character then rules out the rest. One means the number can be rebuilt.
/// </summary>
public static partial class IdNumberRecovery
{
    public static int Candidates(string idNumber, string seen)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        ArgumentNullException.ThrowIfNull(seen);

        // Area code and birth date (characters 1–14) are taken as known; the gender fixes the parity of the 17th.
        var known = new char?[18];
        for (var i = 0; i < 14; i++)
        {
            known[i] = idNumber[i];
        }

        foreach (Match shape in IdShape().Matches(seen))
        {
            var token = shape.Value.ToUpperInvariant();
            var agrees = Enumerable.Range(0, 18).All(i => token[i] == '*' || token[i] == idNumber[i]);
            if (!agrees)
            {
                continue;
            }

            for (var i = 0; i < 18; i++)
            {
                if (token[i] != '*')
                {
                    known[i] = token[i];
                }
            }
        }

        var parity = (idNumber[16] - '0') % 2;
        var count = 0;
        for (var sequence = 0; sequence < 1000; sequence++)
        {
            var digits = sequence.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            if ((digits[2] - '0') % 2 != parity || Enumerable.Range(0, 3).Any(i => known[14 + i] is { } k && k != digits[i]))
            {
                continue;
            }

            var body = idNumber[..14] + digits;
            var check = "0123456789X".First(c => ResidentIdNumber.TryParse(body + c, out _, out _));
            if (known[17] is { } c && c != check)
            {
                continue;
            }

            count++;
        }

        return count;
    }

    [GeneratedRegex("(?<![0-9Xx*])[0-9*]{17}[0-9Xx*](?![0-9Xx*])")]
    private static partial Regex IdShape();
}
