using System.Buffers;
using System.Text;

namespace Intranet.Domain.Register.Pinyin;

/// <summary>
/// Names in pinyin, the order Chinese readers expect a list of people in (阿 … 张 … 赵) and what they type to
/// find someone: 王秀英 is <c>wang xiu ying</c>, <c>wangxiuying</c> and <c>wxy</c>. One reading per character
/// (its most common one), except that a name's surname takes its surname reading (曾国藩 is <c>zeng guo fan</c>).
/// The table comes from pinyin-pro; see README.md beside this file.
/// </summary>
public static class ChinesePinyin
{
    private const char FirstIdeograph = '\u4E00';
    private const char LastIdeograph = '\u9FFF';
    private const string Resource = "Intranet.Domain.Register.Pinyin.pinyin.txt";

    // Mixed searches ("wangxy") try each way of reading the typed start as syllables; a few cover real typing,
    // and the cap keeps a pathological term from turning into a query of hundreds of conditions.
    private const int MaxSearchPrefixes = 8;

    // Past this, a term is no one's name in pinyin, and reading it syllable by syllable only costs time.
    private const int MaxPinyinLength = 40;

    private static readonly SearchValues<char> Vowels = SearchValues.Create("aeiouv");

    private static readonly Lazy<Table> Data = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The name's pinyin, syllables apart, lower case: <c>王秀英</c> → <c>wang xiu ying</c>. Text that is not a
    /// Chinese character is kept, lower-cased, as one word per run; characters the table lacks are kept as they are.
    /// Sorting by it (ordinally) sorts by pinyin, syllable by syllable.
    /// </summary>
    public static string SortKey(string name) => string.Join(' ', Words(name));

    /// <summary>The first letter of each syllable: <c>王秀英</c> → <c>wxy</c>.</summary>
    public static string Initials(string name) => InitialsOf(Words(name));

    /// <summary>The pinyin run together, letters and digits only: <c>王秀英</c> → <c>wangxiuying</c>.</summary>
    public static string Compact(string name) => CompactOf(Words(name));

    /// <summary>All three keys of a name at once.</summary>
    public static PinyinKeys Keys(string name)
    {
        var words = Words(name);
        return new PinyinKeys(string.Join(' ', words), InitialsOf(words), CompactOf(words));
    }

    /// <summary>
    /// What a typed search term means as pinyin, or nothing when it is not letters: a name matches when its
    /// <see cref="Compact"/> pinyin and its <see cref="Initials"/> start with one of the pairs. The term may be
    /// initials (<c>wxy</c>), full pinyin or its start (<c>wangxiuy</c>), or full syllables followed by
    /// initials (<c>wangxy</c>). Spaces and apostrophes are dropped, and ü may be typed as v.
    /// </summary>
    public static IReadOnlyList<PinyinPrefix> SearchPrefixes(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var letters = new StringBuilder(term.Length);
        foreach (var c in term)
        {
            if (char.IsAsciiLetter(c))
            {
                letters.Append(char.ToLowerInvariant(c));
            }
            else if (c == 'ü' || c == 'Ü')
            {
                letters.Append('v');
            }
            else if (c is not (' ' or '\''))
            {
                return [];
            }
        }

        var typed = letters.ToString();
        if (typed.Length == 0)
        {
            return [];
        }

        var prefixes = new List<PinyinPrefix> { new(string.Empty, typed), new(typed, string.Empty) };

        // Typed as pinyin all along ("wangxiuy"): the full-pinyin prefix already finds whatever it can mean, and
        // every extra reading is one more condition for the database to test.
        if (typed.Length > MaxPinyinLength || ReadsAsPinyin(typed, Data.Value))
        {
            return prefixes;
        }

        // Longest syllable start first: "wangxy" is far likelier wang + x + y than wa + n + g + x + y.
        for (var split = typed.Length - 1; split > 0 && prefixes.Count < MaxSearchPrefixes + 2; split--)
        {
            foreach (var syllables in Segmentations(typed[..split]))
            {
                var prefix = new PinyinPrefix(typed[..split], string.Concat(syllables.Select(s => s[0])) + typed[split..]);
                if (!prefixes.Contains(prefix))
                {
                    prefixes.Add(prefix);
                }

                if (prefixes.Count >= MaxSearchPrefixes + 2)
                {
                    break;
                }
            }
        }

        return prefixes;
    }

    private static List<string> Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var table = Data.Value;
        var text = name.AsSpan().Trim();
        var words = new List<string>(text.Length);
        var start = 0;
        if (table.Surname(text) is { } surname)
        {
            words.AddRange(surname.Readings);
            start = surname.Length;
        }

        var run = new StringBuilder();
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            string word;
            if (c is >= FirstIdeograph and <= LastIdeograph)
            {
                word = table.Readings[c - FirstIdeograph] ?? c.ToString();
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // Rare characters outside the basic block (CJK extension B and on) stand for themselves.
                word = text.Slice(i, 2).ToString();
                i++;
            }
            else if (c is >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF')
            {
                word = c.ToString();
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush(run, words);
                continue;
            }
            else
            {
                run.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush(run, words);
            words.Add(word);
        }

        Flush(run, words);
        return words;

        static void Flush(StringBuilder run, List<string> words)
        {
            if (run.Length > 0)
            {
                words.Add(run.ToString());
                run.Clear();
            }
        }
    }

    private static string InitialsOf(List<string> words)
    {
        var initials = new StringBuilder(words.Count);
        foreach (var word in words)
        {
            // Punctuation inside a name (the · of 买买提·艾力) is no one's initial.
            if (char.IsLetterOrDigit(word, 0))
            {
                initials.Append(word, 0, char.IsHighSurrogate(word[0]) ? 2 : 1);
            }
        }

        return initials.ToString();
    }

    private static string CompactOf(List<string> words)
    {
        var compact = new StringBuilder();
        foreach (var word in words)
        {
            foreach (var c in word)
            {
                if (char.IsLetterOrDigit(c) || char.IsSurrogate(c))
                {
                    compact.Append(c);
                }
            }
        }

        return compact.ToString();
    }

    /// <summary>Whether <paramref name="text"/> is whole syllables, perhaps with the start of one more.</summary>
    private static bool ReadsAsPinyin(string text, Table table)
    {
        if (text.Length == 0 || table.SyllableStarts.Contains(text))
        {
            return true;
        }

        for (var length = Math.Min(text.Length, Table.LongestSyllable); length > 0; length--)
        {
            if (table.Syllables.Contains(text[..length]) && ReadsAsPinyin(text[length..], table))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every way to cut <paramref name="text"/> into whole syllables.</summary>
    private static IEnumerable<List<string>> Segmentations(string text)
    {
        if (text.Length == 0)
        {
            yield return [];
            yield break;
        }

        var syllables = Data.Value.Syllables;
        for (var length = Math.Min(text.Length, Table.LongestSyllable); length > 0; length--)
        {
            var head = text[..length];
            if (!syllables.Contains(head))
            {
                continue;
            }

            foreach (var rest in Segmentations(text[length..]))
            {
                rest.Insert(0, head);
                yield return rest;
            }
        }
    }

    private static Table Load()
    {
        using var stream = typeof(ChinesePinyin).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The pinyin table {Resource} is not embedded in {typeof(ChinesePinyin).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        var readings = new string?[LastIdeograph - FirstIdeograph + 1];
        var surnames = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var syllables = new HashSet<string>(StringComparer.Ordinal);
        var inSurnames = false;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                inSurnames = line.StartsWith("# surnames", StringComparison.Ordinal);
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            var key = line[..tab];
            var value = line[(tab + 1)..];
            if (inSurnames)
            {
                surnames[key] = value.Split(' ');
                continue;
            }

            // The interjections m and ng are nobody's name; as syllables they would only split "wang" into wa + ng.
            if (key.AsSpan().IndexOfAny(Vowels) >= 0)
            {
                syllables.Add(key);
            }

            // One string per reading, shared by all its characters.
            foreach (var c in value)
            {
                if (c is >= FirstIdeograph and <= LastIdeograph)
                {
                    readings[c - FirstIdeograph] = key;
                }
            }
        }

        var starts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var syllable in syllables)
        {
            for (var length = 1; length <= syllable.Length; length++)
            {
                starts.Add(syllable[..length]);
            }
        }

        return new Table(readings, surnames, syllables, starts);
    }

    private sealed class Table(string?[] readings, Dictionary<string, string[]> surnames, HashSet<string> syllables, HashSet<string> syllableStarts)
    {
        /// <summary>Pinyin syllables have at most six letters (zhuang, shuang).</summary>
        public const int LongestSyllable = 6;

        public string?[] Readings { get; } = readings;

        public HashSet<string> Syllables { get; } = syllables;

        /// <summary>Every syllable and every start of one: w, wa, wan, wang.</summary>
        public HashSet<string> SyllableStarts { get; } = syllableStarts;

        public (int Length, string[] Readings)? Surname(ReadOnlySpan<char> name)
        {
            // A two-character surname only when a given name follows: 长孙 alone is more likely 长 with given name 孙.
            if (name.Length > 2 && surnames.TryGetValue(name[..2].ToString(), out var compound))
            {
                return (2, compound);
            }

            return name.Length > 0 && surnames.TryGetValue(name[..1].ToString(), out var single) ? (1, single) : null;
        }
    }
}

/// <summary>The stored pinyin keys of a name; see <see cref="ChinesePinyin"/>.</summary>
public sealed record PinyinKeys(string SortKey, string Initials, string Compact);

/// <summary>Matches a name whose compact pinyin starts with <paramref name="Pinyin"/> and whose initials start with <paramref name="Initials"/>.</summary>
public readonly record struct PinyinPrefix(string Pinyin, string Initials);
