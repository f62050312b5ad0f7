namespace Intranet.Domain.Common;

/// <summary>
/// Base for records staff keep: who made and last changed them, and a version that guards against two
/// people saving the same record over each other. The audit interceptor fills all of it.
/// </summary>
public abstract class AuditableEntity
{
    public int Id { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime? UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <remarks>Times are UTC.</remarks>
    /// <summary>Optimistic concurrency token, bumped on every update.</summary>
    public long Version { get; set; }
}
