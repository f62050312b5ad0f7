namespace Intranet.Web.Platform;

/// <summary>The office this installation serves; its name heads every page.</summary>
public sealed class OfficeOptions
{
    public const string Section = "Office";

    public string Name { get; set; } = "区教育系统退管会（退教协）";
}
