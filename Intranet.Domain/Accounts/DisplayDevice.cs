using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Audit;
using Intranet.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Accounts;

/// <summary>
/// A TV or display that shows the wall screen unattended. An administrator creates it and is shown its link once; the
/// link's secret is kept only as a hash. It opens the screen and nothing else, is never signed out for being idle,
/// and stops the moment it is revoked.
/// </summary>
[EntityLabel("大屏设备", Order = 91)]
public class DisplayDevice : AuditableEntity
{
    public const int NameMaxLength = 50;

    [Display(Name = "名称")]
    public required string Name { get; set; }

    /// <summary>SHA-256 of the link's secret, hex.</summary>
    [Display(Name = "令牌"), AuditRedact]
    public required string TokenHash { get; set; }

    [Display(Name = "停用时间")]
    public DateTime? RevokedAt { get; set; }

    [Display(Name = "最近使用"), AuditIgnore]
    public DateTime? LastUsedAt { get; set; }
}

internal sealed class DisplayDeviceConfiguration : IEntityTypeConfiguration<DisplayDevice>
{
    public void Configure(EntityTypeBuilder<DisplayDevice> builder)
    {
        builder.ToTable("DisplayDevices");
        builder.Property(d => d.Name).HasMaxLength(DisplayDevice.NameMaxLength);
        builder.Property(d => d.TokenHash).HasMaxLength(64);
        builder.HasBookkeeping();
        builder.HasIndex(d => d.TokenHash).IsUnique();
    }
}
