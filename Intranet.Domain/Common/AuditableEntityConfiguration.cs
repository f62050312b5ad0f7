using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Common;

public static class AuditableEntityConfiguration
{
    /// <summary>The columns every <see cref="AuditableEntity"/> keeps: who made and changed it (bounded), and its version as the concurrency token.</summary>
    public static EntityTypeBuilder<T> HasBookkeeping<T>(this EntityTypeBuilder<T> builder)
        where T : AuditableEntity
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(e => e.CreatedBy).HasMaxLength(100);
        builder.Property(e => e.UpdatedBy).HasMaxLength(100);
        builder.Property(e => e.Version).IsConcurrencyToken();
        return builder;
    }
}
