using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Intranet.Domain.Reminders;

/// <summary>
/// The day's reminder mail to one account, claimed before it is sent: the unique (user, day) keeps it to one a day
/// however often, and on however many servers, the digest job runs.
/// </summary>
public class ReminderDigest
{
    public long Id { get; set; }

    [Display(Name = "账户")]
    public int UserId { get; set; }

    [Display(Name = "办公日")]
    public DateOnly Day { get; set; }

    [Display(Name = "提醒条数")]
    public int Items { get; set; }

    /// <remarks>UTC; null when sending failed (the claim is then given up so a later run can try again).</remarks>
    [Display(Name = "发送时间")]
    public DateTime? SentAt { get; set; }
}

internal sealed class ReminderDigestConfiguration : IEntityTypeConfiguration<ReminderDigest>
{
    public void Configure(EntityTypeBuilder<ReminderDigest> builder)
    {
        builder.ToTable("ReminderDigests");
        builder.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.UserId, d.Day }).IsUnique();
    }
}
