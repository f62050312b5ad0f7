using Intranet.Domain.Register;

namespace Intranet.Jobs.Reminders;

/// <summary>What the office wants raised and how early (section <c>Reminders</c>); days are office days.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>The daily scan, in the office's time zone (Quartz cron: seconds first). Default 06:30, before the office opens.</summary>
    public string ScanSchedule { get; set; } = "0 30 6 * * ?";

    /// <summary>The mail digest, after the scan.</summary>
    public string DigestSchedule { get; set; } = "0 0 7 * * ?";

    /// <summary>After downtime, occasions this many days past are still raised one by one (as overdue); older ones are summarised.</summary>
    public int GraceDays { get; set; } = 7;

    /// <summary>How far back a summary after downtime counts.</summary>
    public int CatchUpDays { get; set; } = 366;

    public BirthdayReminders Birthdays { get; set; } = new();

    public HolidayReminders Holidays { get; set; } = new();

    /// <summary>Wedding anniversaries from this one on (金婚 = 50), raised this many days ahead.</summary>
    public int FirstAnniversary { get; set; } = 50;

    public int AnniversaryLeadDays { get; set; } = 7;

    /// <summary>A health check is due a year after the last one; raised this many days ahead.</summary>
    public int HealthCheckLeadDays { get; set; } = 14;

    public int FollowUpLeadDays { get; set; } = 3;

    public int ClassLeadDays { get; set; } = 7;

    public ReminderMail Mail { get; set; } = new();
}

public sealed class BirthdayReminders
{
    public int LeadDays { get; set; } = 7;

    /// <summary>Round birthdays (整寿) raised whatever the age rule below; empty: 70, 80, 90, 100.</summary>
    public int[]? Milestones { get; set; }

    /// <summary>Every birthday from this age on.</summary>
    public int EveryYearFrom { get; set; } = 80;

    public IReadOnlyList<int> MilestoneAges => Milestones is { Length: > 0 } ages ? ages : [70, 80, 90, 100];

    public bool Raises(int age) => age >= EveryYearFrom || MilestoneAges.Contains(age);

    public bool IsMilestone(int age) => MilestoneAges.Contains(age);

    /// <summary>The youngest age any rule raises.</summary>
    public int YoungestAge => Math.Min(EveryYearFrom, MilestoneAges.Min());
}

/// <summary>The Spring Festival and Double Ninth visits: raised ahead for the cohort the office sets, offered as a visit campaign.</summary>
public sealed class HolidayReminders
{
    public int LeadDays { get; set; } = 21;

    /// <summary>The cohort: from this age on (on the festival day); null for any age.</summary>
    public int? MinAge { get; set; } = 80;

    /// <summary>And, when set, in this care category (独居, 失独, 困难 …).</summary>
    public CareCategories Care { get; set; } = CareCategories.None;
}

/// <summary>Mail over SMTP (System.Net.Mail); off unless a host is set.</summary>
public sealed class ReminderMail
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "noreply@localhost";

    /// <summary>The app's address as the office reaches it, for the link in the mail.</summary>
    public string? AppUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
