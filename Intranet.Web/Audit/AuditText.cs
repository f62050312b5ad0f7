using System.Collections.Frozen;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Common;
using Intranet.Domain.Data;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Web.Audit;

/// <summary>
/// Makes audit lines readable in Chinese. The trail stores culture-free values (enum names, "true",
/// yyyy-MM-dd, ids) so that it never depends on today's labels; the words are chosen only when shown.
/// </summary>
public static class AuditText
{
    public const string EmptyValue = "（空）";

    /// <summary>In place of a personal number the reader's role does not see at all.</summary>
    public const string NotShown = "（不显示）";

    /// <summary>What the trail writes in place of a secret's values (see AuditTrail in the domain).</summary>
    public const string Redacted = "******";

    /// <summary>Separator of flag labels, as the register writes combined care categories.</summary>
    public const string FlagSeparator = Intranet.Domain.Common.EnumLabel.FlagSeparator;

    public static IReadOnlyList<AuditAction> AllActions { get; } = Enum.GetValues<AuditAction>();

    /// <summary>Every audited record type in the domain, by its CLR name (what <see cref="AuditEntry.EntityType"/> holds).</summary>
    private static readonly FrozenDictionary<string, Type> EntityTypes = typeof(AuditableEntity).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(AuditableEntity)))
        .GroupBy(t => t.Name, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The record types an audit line can name, in the order their labels declare.</summary>
    public static IReadOnlyList<string> KnownEntityTypes { get; } = EntityTypes.Values
        .Where(t => t.GetCustomAttribute<EntityLabelAttribute>() is not null)
        .OrderBy(t => t.GetCustomAttribute<EntityLabelAttribute>()!.Order).ThenBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => t.Name).ToList();

    /// <summary>Referenced records shown by name; every other reference stays a number.</summary>
    private static readonly FrozenSet<Type> NamedReferences =
        new[] { typeof(Unit), typeof(RetireeGroup), typeof(PartyBranch), typeof(Retiree) }.ToFrozenSet();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, FrozenDictionary<string, int>> FieldOrders = new();

    public static string Label(this AuditAction action) => Intranet.Domain.Common.EnumLabel.Of(action);

    /// <summary>Whether the line records a change of a record, with field values to show.</summary>
    public static bool IsRecordChange(this AuditAction action) => action is AuditAction.Create or AuditAction.Update or AuditAction.Delete;

    /// <summary>The record type's Chinese name, declared on the type (<see cref="EntityLabelAttribute"/>); a type without one shows by its own name.</summary>
    public static string EntityTypeLabel(string? entityType) =>
        entityType is null ? string.Empty
        : EntityTypes.TryGetValue(entityType, out var type) && type.GetCustomAttribute<EntityLabelAttribute>() is { } label ? label.Name
        : entityType;

    public static string FieldLabel(string? entityType, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return PropertyOf(entityType, field)?.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? field;
    }

    /// <summary>
    /// One stored value in words. References (UnitId, …) are shown by the names in <paramref name="names"/>;
    /// without them, or for a record that no longer exists, by number. ID and phone numbers are shown as the
    /// reader's <paramref name="personalData"/> rules allow: masked, or not at all (also when no rules are given).
    /// </summary>
    public static string FormatValue(string? entityType, string field, string? value, AuditNames? names = null, PersonalDataRules? personalData = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (string.IsNullOrEmpty(value))
        {
            return EmptyValue;
        }

        if (value == Redacted)
        {
            return value;
        }

        var property = PropertyOf(entityType, field);
        if (property is null)
        {
            return value;
        }

        if (ReferencedType(property) is { } referenced)
        {
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                ? names?.Find(referenced, id) ?? $"编号 {id}"
                : value;
        }

        // The trail keeps these in full (it must, to be a record); pages mask them as they do everywhere else,
        // so reading the history is no way around the logged reveal of an ID or phone number.
        var rules = personalData ?? PersonalDataRules.None;
        if (field.EndsWith("IdNumber", StringComparison.Ordinal))
        {
            return rules.IdNumber(value) ?? NotShown;
        }

        if (field.EndsWith("Phone", StringComparison.Ordinal))
        {
            return rules.Phone(value) ?? NotShown;
        }

        if (property.GetCustomAttribute<Domain.Common.HealthDataAttribute>() is not null && !rules.SeesHealthNotes)
        {
            return NotShown;
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(bool))
        {
            return value switch
            {
                "true" or "True" => "是",
                "false" or "False" => "否",
                _ => value,
            };
        }

        return type.IsEnum ? EnumLabel(type, value) : value;
    }

    /// <summary>The field changes a line holds, or none; a line that cannot be read is shown raw rather than hidden.</summary>
    public static IReadOnlyList<FieldChange> ParseChanges(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return AuditTrail.Deserialize(json);
        }
        catch (JsonException)
        {
            return [new FieldChange("Changes", null, json)];
        }
    }

    /// <summary>A line's field changes in words, in the order they were recorded.</summary>
    public static IReadOnlyList<FieldChangeText> DescribeChanges(AuditEntry entry, AuditNames? names = null, PersonalDataRules? personalData = null)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // The trail lists fields in the model's (alphabetical) order; people read them in the form's order,
        // which is the order the entity declares them in. Fields no longer declared go last.
        var order = DeclarationOrder(entry.EntityType);
        return ParseChanges(entry.Changes)
            .OrderBy(c => order.TryGetValue(c.Field, out var index) ? index : int.MaxValue)
            .Select(c => new FieldChangeText(
                c.Field,
                FieldLabel(entry.EntityType, c.Field),
                c.Old is null ? null : FormatValue(entry.EntityType, c.Field, c.Old, names, personalData),
                c.New is null ? null : FormatValue(entry.EntityType, c.Field, c.New, names, personalData),
                entry.Action))
            .ToList();
    }

    /// <summary>
    /// The names of every unit, group, branch and retiree the entries' changes refer to: one query per table
    /// for the whole batch, however many lines and fields there are.
    /// </summary>
    public static async Task<AuditNames> LoadNamesAsync(
        IntranetDbContext db, IEnumerable<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);

        var wanted = NamedReferences.ToDictionary(t => t, _ => new HashSet<int>());
        foreach (var entry in entries.Where(e => e.Action.IsRecordChange()))
        {
            foreach (var change in ParseChanges(entry.Changes))
            {
                if (PropertyOf(entry.EntityType, change.Field) is not { } property || ReferencedType(property) is not { } referenced)
                {
                    continue;
                }

                foreach (var value in new[] { change.Old, change.New })
                {
                    if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                    {
                        wanted[referenced].Add(id);
                    }
                }
            }
        }

        var names = new AuditNames();
        if (wanted[typeof(Unit)] is { Count: > 0 } unitIds)
        {
            names.Add(typeof(Unit), await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
                .Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken));
        }

        if (wanted[typeof(RetireeGroup)] is { Count: > 0 } groupIds)
        {
            // Group names repeat across units ("第1小组"), so a group is named with its unit.
            names.Add(typeof(RetireeGroup), await db.RetireeGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id))
                .Select(g => new { g.Id, Name = g.Unit!.Name + " · " + g.Name })
                .ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken));
        }

        if (wanted[typeof(PartyBranch)] is { Count: > 0 } branchIds)
        {
            names.Add(typeof(PartyBranch), await db.PartyBranches.AsNoTracking().Where(b => branchIds.Contains(b.Id))
                .Select(b => new { b.Id, b.Name }).ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken));
        }

        if (wanted[typeof(Retiree)] is { Count: > 0 } retireeIds)
        {
            names.Add(typeof(Retiree), await db.Retirees.AsNoTracking().Where(r => retireeIds.Contains(r.Id))
                .Select(r => new { r.Id, r.Name }).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken));
        }

        return names;
    }

    /// <summary>The display names of the accounts that wrote the lines, by login name, in one query.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadPeopleAsync(
        IntranetDbContext db, IEnumerable<string?> userNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = userNames.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return wanted.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => wanted.Contains(u.UserName))
                .ToDictionaryAsync(u => u.UserName, u => u.DisplayName, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>"张丽（zhangli）" for an account, 系统 for scheduled work and seeding, the login name alone for an account since removed.</summary>
    public static string? Who(string? userName, IReadOnlyDictionary<string, string> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        return userName switch
        {
            null => null,
            SystemUser.Name => "系统",
            _ when people.TryGetValue(userName, out var name) => $"{name}（{userName}）",
            _ => userName,
        };
    }

    /// <summary>A UTC audit time as the office's clock showed it.</summary>
    public static string FormatTime(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    private static FrozenDictionary<string, int> DeclarationOrder(string? entityType)
    {
        if (entityType is null || !EntityTypes.TryGetValue(entityType, out var type))
        {
            return FrozenDictionary<string, int>.Empty;
        }

        return FieldOrders.GetOrAdd(type, t =>
        {
            // Metadata tokens follow the source order within a class; a base class's properties come first.
            var chain = new List<Type>();
            for (var current = t; current is not null && current != typeof(object); current = current.BaseType)
            {
                chain.Insert(0, current);
            }

            return chain
                .SelectMany(c => c.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).OrderBy(p => p.MetadataToken))
                .Select((p, index) => (p.Name, index))
                .DistinctBy(p => p.Name)
                .ToFrozenDictionary(p => p.Name, p => p.index, StringComparer.Ordinal);
        });
    }

    private static PropertyInfo? PropertyOf(string? entityType, string field) =>
        entityType is not null && EntityTypes.TryGetValue(entityType, out var type)
            ? type.GetProperty(field, BindingFlags.Public | BindingFlags.Instance)
            : null;

    /// <summary>The record a key property points to, found through its navigation (UnitId → Unit, LeaderId → Leader).</summary>
    private static Type? ReferencedType(PropertyInfo property)
    {
        if (!property.Name.EndsWith("Id", StringComparison.Ordinal) || property.Name.Length <= 2)
        {
            return null;
        }

        var navigation = property.DeclaringType?.GetProperty(property.Name[..^2], BindingFlags.Public | BindingFlags.Instance);
        return navigation is not null && NamedReferences.Contains(navigation.PropertyType) ? navigation.PropertyType : null;
    }

    private static string EnumLabel(Type type, string value)
    {
        if (type.IsDefined(typeof(FlagsAttribute)))
        {
            // Each flag on its own, so a flag added later shows by name instead of hiding the others.
            var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return string.Join(FlagSeparator, parts.Select(p => SingleEnumLabel(type, p)));
        }

        return SingleEnumLabel(type, value);
    }

    private static string SingleEnumLabel(Type type, string name)
    {
        // Names only: a number would be a value no longer in the enum, and parsing it would dress it up as one.
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || name[0] == '-' || !Enum.TryParse(type, name, out var parsed))
        {
            return name;
        }

        return Intranet.Domain.Common.EnumLabel.Of((Enum)parsed);
    }
}

/// <summary>One changed field in words. <see cref="Old"/> and <see cref="New"/> are null where the action has none.</summary>
public sealed record FieldChangeText(string Field, string Label, string? Old, string? New, AuditAction Action)
{
    /// <summary>"单位: 石室中学 → 草堂小学" for a change, the value alone for a created or deleted record.</summary>
    public string Summary => Action switch
    {
        AuditAction.Create => $"{Label}: {New ?? AuditText.EmptyValue}",
        AuditAction.Delete => $"{Label}: {Old ?? AuditText.EmptyValue}",
        _ => $"{Label}: {Old ?? AuditText.EmptyValue} → {New ?? AuditText.EmptyValue}",
    };
}

/// <summary>Names of referenced records, by type and id, loaded once for a batch of audit lines.</summary>
public sealed class AuditNames
{
    private readonly Dictionary<Type, IReadOnlyDictionary<int, string>> _names = [];

    public string? Find(Type type, int id) =>
        _names.TryGetValue(type, out var byId) && byId.TryGetValue(id, out var name) ? name : null;

    internal void Add(Type type, IReadOnlyDictionary<int, string> names) => _names[type] = names;
}
