using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Domain.Jobs;
using Intranet.Domain.Reminders;
using Intranet.Tests.Accounts;
using Intranet.Tests.Support;
using Intranet.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Intranet.Tests.Reminders;

public sealed class JobsAdminTests : IAsyncLifetime
{
    private IntranetAppFactory App { get; } = new();
    private AccessWorld _world = default!;

    public async Task InitializeAsync() => _world = await AccessWorld.CreateAsync(App);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task An_administrator_runs_the_scan_now_and_sees_the_run_with_its_items_and_nobody_else_may()
    {
        using (var db = App.Database.CreateContext())
        {
            var person = await db.Retirees.SingleAsync(r => r.Id == _world.InUnitA.Id);
            person.BirthDate = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(3).AddYears(-90);
            await db.SaveChangesAsync();
        }

        await using (var staff = await App.ScopeForAsync(_world[UserRole.DistrictStaff]))
        {
            var refused = await staff.ServiceProvider.GetRequiredService<JobsAdmin>().RunNowAsync("ReminderScan");
            Assert.Equal("只有系统管理员可以运行计划任务。", refused.Message);
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => staff.ServiceProvider.GetRequiredService<JobsAdmin>().JobsAsync());
        }

        await using var scope = await App.ScopeForAsync(_world[UserRole.Administrator]);
        var admin = scope.ServiceProvider.GetRequiredService<JobsAdmin>();
        var jobs = await admin.JobsAsync();
        Assert.Equal(["每日提醒扫描", "每日提醒邮件"], jobs.Select(j => j.Title));
        Assert.Equal("每天 06:30", jobs[0].Schedule);
        Assert.Null(jobs[0].NextRun); // the test app's scheduler is off
        Assert.Null(jobs[0].LastRun);

        var run = await admin.RunNowAsync("ReminderScan");
        Assert.True(run.Succeeded);
        Assert.True(run.Value!.Succeeded, run.Value.ErrorDetail);
        Assert.Equal(1, run.Value.ItemsRaised);
        Assert.Equal("新增：生日 1", run.Value.Summary);

        var history = Assert.Single(await admin.HistoryAsync(null));
        Assert.Equal((JobTrigger.Manual, 1), (history.Trigger, history.ItemsRaised));
        Assert.Equal(history.Id, (await admin.JobsAsync())[0].LastRun!.Id);
        Assert.Empty(await admin.HistoryAsync("ReminderDigestJob"));

        using var check = App.Database.CreateContext();
        Assert.Equal("90 岁生日（整寿）", (await check.Set<Reminder>().SingleAsync()).Detail);
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == AuditAction.AccessDenied && a.EntityType == nameof(JobRun)));
    }
}
