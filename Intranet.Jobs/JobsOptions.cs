namespace Intranet.Jobs;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;

    /// <summary>The office's time zone: reminders fire at the office's morning, not the server's.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}
