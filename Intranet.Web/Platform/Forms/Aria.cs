namespace Intranet.Web.Platform.Forms;

/// <summary>
/// Accessible names for the inputs Radzen renders inside its components, which otherwise carry the value's code name
/// ("WithSpouse", "Alive"): passed as a component's <c>InputAttributes</c>, they replace it.
/// </summary>
public static class Aria
{
    public static IReadOnlyDictionary<string, object> Label(string text) => new Dictionary<string, object> { ["aria-label"] = text };
}
