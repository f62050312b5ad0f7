using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Intranet.Domain.Common;

/// <summary>
/// The Chinese word for an enum value, declared on the value itself with <c>[Display(Name = "…")]</c>, so pages,
/// exports and the audit trail read a new enum in Chinese with no central list to edit.
/// </summary>
public static class EnumLabel
{
    /// <summary>Joins the labels of a combination of flags.</summary>
    public const string FlagSeparator = "、";

    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Cache.GetOrAdd(value, Describe);
    }

    private static string Describe(Enum value)
    {
        var type = value.GetType();
        if (Declared(type, value.ToString()) is { } label)
        {
            return label;
        }

        // A combination of flags: each set flag by its own word.
        if (type.IsDefined(typeof(FlagsAttribute)) && Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture) != 0)
        {
            var parts = Enum.GetValues(type).Cast<Enum>()
                .Where(flag => Convert.ToUInt64(flag, System.Globalization.CultureInfo.InvariantCulture) != 0 && value.HasFlag(flag))
                .Select(Of);
            return string.Join(FlagSeparator, parts);
        }

        // A value the enum does not name (an old number in the audit trail) shows as it is.
        return value.ToString();
    }

    private static string? Declared(Type type, string name) =>
        type.GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<DisplayAttribute>()?.GetName();
}

/// <summary>
/// What the office calls a record type ("退休教工"), and where it stands among the others in lists such as the
/// audit log's type filter. Declared on the type, so a new area's records read in Chinese everywhere at once.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EntityLabelAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>Lower first; types of one area are best kept together (the register 10–19, accounts 90–99, …).</summary>
    public int Order { get; init; } = 1000;
}

/// <summary>
/// A field holding health information (sensitive under PIPL): shown, in pages and in the record history, only to
/// roles that read health notes (<see cref="Register.PersonalDataRules.SeesHealthNotes"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HealthDataAttribute : Attribute;
