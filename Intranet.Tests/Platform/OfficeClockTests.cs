using Intranet.Tests.Support;
using Intranet.Web.Audit;
using Intranet.Web.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Platform;

public sealed class OfficeClockTests
{
    [Fact]
    public async Task The_app_tells_time_by_the_offices_clock_not_the_servers()
    {
        await using var app = new IntranetAppFactory();

        var time = app.Services.GetRequiredService<TimeProvider>();

        Assert.Equal(TimeSpan.FromHours(8), time.GetLocalNow().Offset);
        Assert.Equal("2026-11-22 08:30:00", AuditText.FormatTime(new DateTime(2026, 11, 22, 0, 30, 0, DateTimeKind.Utc), time.LocalTimeZone));
    }

    [Fact]
    public void Another_office_sets_its_own_zone() =>
        Assert.Equal(TimeSpan.FromHours(6), OfficeTimeProvider.For("Asia/Urumqi").GetLocalNow().Offset);
}
