namespace Intranet.Web.Platform.Forms;

/// <summary>One fixed choice of a form field: the value stored, the Chinese words shown (and read out by screen readers).</summary>
public sealed record Option<T>(T Value, string Text);

public static class FieldOptions
{
    /// <summary>The values, in the order given, each with its label.</summary>
    public static IReadOnlyList<Option<T>> Of<T>(IEnumerable<T> values, Func<T, string> label) =>
        [.. values.Select(v => new Option<T>(v, label(v)))];
}
