using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Intranet.Web.Localization;
using Radzen.Blazor;

namespace Intranet.Tests.Localization;

public sealed partial class RadzenChineseLocalizerTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public void EveryRadzenKeyHasChineseTextWithTheSamePlaceholders()
    {
        var localizer = new RadzenChineseLocalizer();
        var english = RadzenEnglishTexts();
        var problems = new List<string>();

        foreach (var (key, original) in english)
        {
            var text = localizer.Get(key, Chinese);
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"{key}: no Chinese text (English: \"{original}\")");
                continue;
            }

            if (original.Any(char.IsLetter) && !text.Any(IsChinese))
            {
                problems.Add($"{key}: \"{text}\" has no Chinese character");
            }

            var englishPlaceholders = Placeholders(original);
            var chinesePlaceholders = Placeholders(text);
            foreach (var missing in englishPlaceholders.Except(chinesePlaceholders))
            {
                problems.Add($"{key}: \"{text}\" lacks {missing}");
            }

            // Radzen passes only as many arguments as the English text uses; an extra index would throw at render time.
            foreach (var extra in chinesePlaceholders.Except(englishPlaceholders))
            {
                problems.Add($"{key}: \"{text}\" has {extra}, which Radzen does not supply");
            }

            if (englishPlaceholders.Count > 0 && !Formats(text, ArgumentCount(englishPlaceholders)))
            {
                problems.Add($"{key}: \"{text}\" is not a valid format string");
            }
        }

        Assert.True(english.Count > 700, $"Radzen's resource looks empty or unreadable: {english.Count} keys.");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TextsHaveNoKeysRadzenDoesNotKnow()
    {
        // A key Radzen dropped or renamed on upgrade would otherwise stay here as dead weight, and its new name untranslated.
        var unknown = RadzenChineseLocalizer.Texts.Keys.Except(RadzenEnglishTexts().Keys).Order(StringComparer.Ordinal).ToList();

        Assert.True(unknown.Count == 0, string.Join(", ", unknown));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("ja-JP")]
    [InlineData("")]
    public void OtherCulturesFallBackToRadzen(string cultureName)
    {
        var localizer = new RadzenChineseLocalizer();
        var culture = CultureInfo.GetCultureInfo(cultureName);

        Assert.All(RadzenEnglishTexts().Keys, key => Assert.Null(localizer.Get(key, culture)));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh-Hans")]
    [InlineData("zh")]
    public void ChineseCulturesGetChinese(string cultureName)
    {
        var localizer = new RadzenChineseLocalizer();

        Assert.Equal("第 2 页，共 5 页（42 条）", string.Format(
            CultureInfo.InvariantCulture,
            localizer.Get("Pager_PagingSummaryFormat", CultureInfo.GetCultureInfo(cultureName))!,
            2,
            5,
            42));
    }

    [Fact]
    public void UnknownKeyFallsBackToRadzen()
    {
        Assert.Null(new RadzenChineseLocalizer().Get("No_Such_Key", Chinese));
    }

    /// <summary>The neutral (English) strings Radzen falls back to, read from its own embedded resource.</summary>
    private static Dictionary<string, string> RadzenEnglishTexts()
    {
        var set = RadzenStrings.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)
            ?? throw new MissingManifestResourceException("Radzen.Blazor.RadzenStrings");

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in set)
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                texts[key] = value;
            }
        }

        return texts;
    }

    private static HashSet<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);

    private static int ArgumentCount(IEnumerable<string> placeholders) =>
        placeholders.Max(p => int.Parse(p.AsSpan(1, p.IndexOfAny([',', ':', '}']) - 1), CultureInfo.InvariantCulture)) + 1;

    private static bool Formats(string text, int argumentCount)
    {
        try
        {
            _ = string.Format(CultureInfo.InvariantCulture, text, Enumerable.Range(1, argumentCount).Cast<object>().ToArray());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Ideographs, and CJK or full-width punctuation: a Chinese separator such as "；" is Chinese without an ideograph.
    private static bool IsChinese(char c) =>
        c is (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\u3000' and <= '\u303F') or (>= '\uFF00' and <= '\uFFEF');

    [GeneratedRegex(@"\{\d+(?:,-?\d+)?(?::[^{}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
