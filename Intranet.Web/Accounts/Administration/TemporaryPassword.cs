using System.Security.Cryptography;

namespace Intranet.Web.Accounts.Administration;

/// <summary>
/// Passwords an administrator reads out or writes down for someone: three groups of four, with no
/// characters that are easily mistaken for each other (0/O/o, 1/l/I, and the like).
/// </summary>
public static class TemporaryPassword
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private const int Groups = 3;
    private const int GroupLength = 4;

    /// <summary>14 characters: long enough for the 12-character rule, with at least one digit and one letter.</summary>
    public static string New()
    {
        while (true)
        {
            var chars = new char[Groups * GroupLength];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }

            // Rare draws without a digit, a letter or enough different characters are thrown back rather than patched,
            // so every position stays uniformly random.
            if (chars.Any(char.IsAsciiDigit) && chars.Any(char.IsAsciiLetter) && chars.Distinct().Count() >= 8)
            {
                return string.Join('-', chars.Chunk(GroupLength).Select(group => new string(group)));
            }
        }
    }
}
