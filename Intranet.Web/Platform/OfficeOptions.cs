namespace Intranet.Web.Platform;

/// <summary>The office this installation serves; its name heads every page.</summary>
public sealed class OfficeOptions
{
    public const string Section = "Office";

    public string Name { get; set; } = "区教育系统退管会（退教协）";

    /// <summary>The office's clock: every time shown and every "today" (ages, birthdays) is in this zone, whatever the server's.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

/// <summary>
/// The system clock, with the office's time zone as its local one. The server may well run in UTC (this one does),
/// eight hours off for an office in China; everything that asks <see cref="TimeProvider.LocalTimeZone"/> or
/// <see cref="TimeProvider.GetLocalNow"/> gets the office's time instead.
/// </summary>
public sealed class OfficeTimeProvider(TimeZoneInfo zone) : TimeProvider
{
    public override TimeZoneInfo LocalTimeZone => zone;

    public static OfficeTimeProvider For(string timeZoneId) => new(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));
}
