using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Welfare;

/// <summary>结对帮扶: a volunteer (a young teacher, a party member, a fellow retiree) paired with a retiree for a time.</summary>
[EntityLabel("结对关系", Order = 33)]
public class Pairing : AuditableEntity, IRetireeScoped
{
    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "结对人")]
    public required string Volunteer { get; set; }

    [Display(Name = "结对人身份")]
    public VolunteerKind Kind { get; set; }

    [Display(Name = "开始日期")]
    public DateOnly StartsOn { get; set; }

    [Display(Name = "结束日期")]
    public DateOnly? EndsOn { get; set; }

    public bool IsActiveOn(DateOnly day) => StartsOn <= day && (EndsOn is null || EndsOn >= day);
}

public enum VolunteerKind
{
    [Display(Name = "青年教师")]
    YoungTeacher = 1,

    [Display(Name = "党员")]
    PartyMember = 2,

    [Display(Name = "退休教工")]
    Retiree = 3,

    [Display(Name = "其他志愿者")]
    Other = 9,
}

internal sealed class PairingConfiguration : IEntityTypeConfiguration<Pairing>
{
    public void Configure(EntityTypeBuilder<Pairing> builder)
    {
        builder.ToTable("Pairings");
        builder.Property(p => p.Volunteer).HasMaxLength(50);
        builder.HasBookkeeping();
        builder.HasOne(p => p.Retiree).WithMany().HasForeignKey(p => p.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.RetireeId, p.StartsOn });
    }
}
