namespace Intranet.Tests.Support;

/// <summary>A clock that says what the test says (the testing TimeProvider package is not served here).</summary>
public sealed class FixedClock(DateTimeOffset now, TimeZoneInfo? zone = null) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override TimeZoneInfo LocalTimeZone { get; } = zone ?? TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public static FixedClock On(DateOnly day, int hour = 9) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero));
}
