namespace Intranet.Web.Platform.Forms;

public static class FormText
{
    /// <summary>A typed value as it is kept: trimmed, and nothing at all when only blanks were typed.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
