using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Intranet.Domain.Audit;

/// <summary>
/// Turns tracked changes into audit lines: each created, changed or deleted record with every changed
/// field's old and new value. Keys of new records are only known after the insert, so lines are captured
/// before the save and completed after it (<see cref="Data.IntranetDbContext"/> does both in one transaction).
/// </summary>
public static class AuditTrail
{
    public const string Redacted = "******";

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Read once per property: an import saves thousands of records, each with some thirty properties.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PropertyInfo, (bool Ignore, bool Redact)> Markers = new();

    private static readonly HashSet<string> Bookkeeping =
    [
        nameof(AuditableEntity.Id), nameof(AuditableEntity.CreatedAt), nameof(AuditableEntity.CreatedBy),
        nameof(AuditableEntity.UpdatedAt), nameof(AuditableEntity.UpdatedBy), nameof(AuditableEntity.Version),
    ];

    internal static List<PendingAuditEntry> Capture(ChangeTracker tracker, string? userName, DateTime at)
    {
        var pending = new List<PendingAuditEntry>();
        foreach (var entry in tracker.Entries<AuditableEntity>())
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Modified => AuditAction.Update,
                EntityState.Deleted => AuditAction.Delete,
                _ => (AuditAction?)null,
            };
            if (action is null)
            {
                continue;
            }

            var changes = Changes(entry, action.Value);
            if (action == AuditAction.Update && changes.Count == 0)
            {
                continue;
            }

            pending.Add(new PendingAuditEntry(entry, action.Value, changes, userName, at));
        }

        return pending;
    }

    internal static string Serialize(IReadOnlyList<FieldChange> changes) => JsonSerializer.Serialize(changes, Json);

    public static IReadOnlyList<FieldChange> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<FieldChange>>(json, Json) ?? [];

    private static List<FieldChange> Changes(EntityEntry<AuditableEntity> entry, AuditAction action)
    {
        var changes = new List<FieldChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            var clr = property.Metadata.PropertyInfo;
            if (Bookkeeping.Contains(name) || clr is null)
            {
                continue;
            }

            var (ignore, redact) = Markers.GetOrAdd(clr, static p => (p.GetCustomAttribute<AuditIgnoreAttribute>() is not null, p.GetCustomAttribute<AuditRedactAttribute>() is not null));
            if (ignore)
            {
                continue;
            }

            string? old = action == AuditAction.Create ? null : Format(property.OriginalValue);
            string? current = action == AuditAction.Delete ? null : Format(property.CurrentValue);

            if (action == AuditAction.Update && (!property.IsModified || old == current))
            {
                continue;
            }

            if (action != AuditAction.Update && old is null && current is null)
            {
                continue;
            }

            changes.Add(redact
                ? new FieldChange(name, old is null ? null : Redacted, current is null ? null : Redacted)
                : new FieldChange(name, old, current));
        }

        return changes;
    }

    /// <summary>Values are kept culture-free; pages turn them into Chinese words when they show them.</summary>
    internal static string? Format(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ssK", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

internal sealed class PendingAuditEntry(
    EntityEntry<AuditableEntity> entry, AuditAction action, IReadOnlyList<FieldChange> changes, string? userName, DateTime at)
{
    public AuditEntry Complete()
    {
        var entity = entry.Entity;
        return new AuditEntry
        {
            At = at,
            UserName = userName,
            Action = action,
            EntityType = entity.GetType().Name,
            EntityId = entity.Id.ToString(CultureInfo.InvariantCulture),
            RetireeId = RetireeOf(entity),
            Subject = SubjectOf(entity),
            Changes = AuditTrail.Serialize(changes),
        };
    }

    private static int? RetireeOf(AuditableEntity entity) => entity switch
    {
        Retiree r => r.Id,

        // Records about a person (visits, cases, …) carry a RetireeId; their history belongs to that person.
        _ => entity.GetType().GetProperty("RetireeId")?.GetValue(entity) as int?,
    };

    private static string? SubjectOf(AuditableEntity entity) =>
        entity.GetType().GetProperty("Name")?.GetValue(entity) as string
        ?? entity.GetType().GetProperty("DisplayName")?.GetValue(entity) as string;
}
