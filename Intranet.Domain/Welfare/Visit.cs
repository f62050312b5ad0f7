using System.ComponentModel.DataAnnotations;
using Intranet.Domain.Common;
using Intranet.Domain.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Welfare;

/// <summary>关爱慰问: a visit to a retiree (or, for a condolence, to the family of one who died), with what was given.</summary>
[EntityLabel("慰问记录", Order = 25)]
public class Visit : AuditableEntity, IRetireeScoped
{
    [Display(Name = "退休教工")]
    public int RetireeId { get; set; }

    public Retiree? Retiree { get; set; }

    [Display(Name = "慰问日期")]
    public DateOnly VisitedOn { get; set; }

    [Display(Name = "慰问事由")]
    public VisitOccasion Occasion { get; set; }

    /// <summary>Who went, as the office writes it (张丽、王主任).</summary>
    [Display(Name = "慰问人")]
    public required string Visitors { get; set; }

    /// <summary>What was brought (米、油、慰问品).</summary>
    [Display(Name = "慰问品")]
    public string? Gift { get; set; }

    /// <summary>Money given, in whole fen; none when only a gift was brought.</summary>
    [Display(Name = "慰问金（分）")]
    public long? AmountFen { get; set; }

    [Display(Name = "情况记录")]
    public string? Notes { get; set; }

    [Display(Name = "帮扶个案")]
    public int? CaseId { get; set; }

    public WelfareCase? Case { get; set; }

    /// <summary>A visit made under a pairing, by the paired volunteer.</summary>
    [Display(Name = "结对关系")]
    public int? PairingId { get; set; }

    public Pairing? Pairing { get; set; }
}

public enum VisitOccasion
{
    [Display(Name = "春节慰问")]
    SpringFestival = 1,

    [Display(Name = "重阳节慰问")]
    DoubleNinth = 2,

    [Display(Name = "生日慰问")]
    Birthday = 3,

    [Display(Name = "生病住院")]
    Illness = 4,

    [Display(Name = "困难慰问")]
    Hardship = 5,

    /// <summary>To the family of a teacher who died; the only visit that may come after the death.</summary>
    [Display(Name = "吊唁慰问家属")]
    Condolence = 6,

    [Display(Name = "其他")]
    Other = 9,
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.ToTable("Visits");
        builder.Property(v => v.Visitors).HasMaxLength(100);
        builder.Property(v => v.Gift).HasMaxLength(100);
        builder.Property(v => v.Notes).HasMaxLength(1000);
        builder.HasBookkeeping();
        builder.HasOne(v => v.Retiree).WithMany().HasForeignKey(v => v.RetireeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(v => v.Case).WithMany().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.SetNull);

        // A person's visits newest first (the 慰问 tab); a year's visits by occasion, people and money (the yearly
        // figures) read from the index alone, not from a million rows of the table.
        builder.HasIndex(v => new { v.RetireeId, v.VisitedOn });
        builder.HasIndex(v => new { v.VisitedOn, v.Occasion, v.RetireeId, v.AmountFen });
        builder.HasIndex(v => v.CaseId);
        builder.HasOne(v => v.Pairing).WithMany().HasForeignKey(v => v.PairingId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(v => v.PairingId);
    }
}
