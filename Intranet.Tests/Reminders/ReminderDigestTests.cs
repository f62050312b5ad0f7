using Intranet.Domain.Accounts;
using Intranet.Domain.Jobs;
using Intranet.Domain.Reminders;
using Intranet.Jobs.Reminders;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Reminders;

public sealed class ReminderDigestTests : IDisposable
{
    private readonly ScanWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Each_account_with_an_address_gets_one_digest_a_day_of_its_own_scope_and_no_personal_numbers()
    {
        await using var smtp = new SmtpSink();
        _world.Options.Mail.Host = "127.0.0.1";
        _world.Options.Mail.Port = smtp.Port;
        _world.Options.Mail.From = "tixing@tuiguanhui.cn";
        _world.Options.Mail.AppUrl = "http://intranet.local/";
        var (unitA, unitB) = (_world.Unit(), _world.Unit());
        RetireeGroupAndPeople(unitA, unitB, out var group, out var inGroup, out var inUnitA, out var inUnitB);
        var day = new DateOnly(2026, 12, 7);
        Raise(ReminderKind.Birthday, inGroup, day, "90 岁生日（整寿）");
        Raise(ReminderKind.CaseFollowUp, inUnitA, day.AddDays(-2), "困难帮扶个案回访（责任人 王建华）", subject: 77);
        Raise(ReminderKind.Birthday, inUnitB, day.AddDays(3), "81 岁生日");
        Raise(ReminderKind.HolidayVisit, null, day.AddDays(20), "2027 年春节（2月6日）慰问");
        Accounts(unitA.Id, group.Id);

        var first = await RunDigestAsync(day);
        Assert.True(first.Succeeded, first.ErrorDetail);
        Assert.Equal(3, first.ItemsRaised);
        var mails = smtp.Received.ToDictionary(m => Assert.Single(m.To));
        Assert.Equal(["leader@example.cn", "officer@example.cn", "staff@example.cn"], mails.Keys.Order());
        Assert.Equal("待办提醒 4 条（12月7日）", mails["staff@example.cn"].Subject);
        Assert.Equal("待办提醒 2 条（12月7日）", mails["officer@example.cn"].Subject);
        Assert.Equal("待办提醒 1 条（12月7日）", mails["leader@example.cn"].Subject);

        var officer = mails["officer@example.cn"].Body;
        Assert.Contains("· 12月5日（已过期） 个案回访：甲单位成员 困难帮扶个案回访（责任人 王建华）", officer, StringComparison.Ordinal);
        Assert.Contains("· 12月7日 生日：甲组成员 90 岁生日（整寿）", officer, StringComparison.Ordinal);
        Assert.DoesNotContain("乙单位成员", officer, StringComparison.Ordinal);
        Assert.Contains("http://intranet.local/reminders", officer, StringComparison.Ordinal);
        Assert.DoesNotContain("个案回访", mails["leader@example.cn"].Body, StringComparison.Ordinal);
        Assert.All(mails.Values, m => Assert.DoesNotMatch(@"\d{11}", m.Body));

        // The same day again, from a second server too: nothing more. The next day: again.
        Assert.Equal(0, (await RunDigestAsync(day)).ItemsRaised);
        Assert.Equal(0, (await RunDigestAsync(day, _world.NewServer())).ItemsRaised);
        Assert.Equal(3, smtp.Received.Count);
        Assert.Equal(3, (await RunDigestAsync(day.AddDays(1))).ItemsRaised);
        Assert.Equal(6, smtp.Received.Count);
    }

    [Fact]
    public async Task Without_a_mail_server_nothing_is_sent_and_an_unreachable_one_fails_the_run_and_is_tried_again()
    {
        var unit = _world.Unit();
        Raise(ReminderKind.Birthday, _world.Person(unit, "寿星", new DateOnly(1936, 12, 7)), new DateOnly(2026, 12, 7), "90 岁生日（整寿）");
        Accounts(unit.Id, null);

        var off = await RunDigestAsync(new DateOnly(2026, 12, 7));
        Assert.True(off.Succeeded);
        Assert.Equal("未配置邮件服务器（Reminders:Mail:Host），不发送邮件", off.Summary);

        // A port nobody listens on: the run fails with the reason, and gives its claims up.
        int closedPort;
        await using (var gone = new SmtpSink())
        {
            closedPort = gone.Port;
        }

        _world.Options.Mail.Host = "127.0.0.1";
        _world.Options.Mail.Port = closedPort;
        var failed = await RunDigestAsync(new DateOnly(2026, 12, 7));
        Assert.False(failed.Succeeded);
        Assert.StartsWith("1 封提醒邮件发送失败", failed.Error, StringComparison.Ordinal);
        await using (var db = _world.Context())
        {
            Assert.Equal(0, await db.Set<ReminderDigest>().CountAsync());
        }

        await using var smtp = new SmtpSink();
        _world.Options.Mail.Port = smtp.Port;
        Assert.Equal(1, (await RunDigestAsync(new DateOnly(2026, 12, 7))).ItemsRaised);
        Assert.Equal("staff@example.cn", Assert.Single(Assert.Single(smtp.Received).To));
    }

    private async Task<JobRun> RunDigestAsync(DateOnly day, Intranet.Jobs.Scheduling.JobRunner? server = null)
    {
        _world.SetDay(day, hour: 7);
        return (await (server ?? _world.Runner).RunAsync(nameof(ReminderDigestJob), JobTrigger.Scheduled))!;
    }

    private void RetireeGroupAndPeople(
        Domain.Register.Unit unitA, Domain.Register.Unit unitB, out Domain.Register.RetireeGroup group,
        out Domain.Register.Retiree inGroup, out Domain.Register.Retiree inUnitA, out Domain.Register.Retiree inUnitB)
    {
        using (var db = _world.Context())
        {
            group = new RegisterBuilder(db).Group(unitA);
        }

        var groupId = group.Id;
        inGroup = _world.Person(unitA, "甲组成员", new DateOnly(1936, 12, 7), configure: r => (r.GroupId, r.Phone) = (groupId, "13911112222"));
        inUnitA = _world.Person(unitA, "甲单位成员", new DateOnly(1950, 1, 1), configure: r => r.Phone = "13933334444");
        inUnitB = _world.Person(unitB, "乙单位成员", new DateOnly(1945, 12, 10), configure: r => r.Phone = "13955556666");
    }

    private void Raise(ReminderKind kind, Domain.Register.Retiree? person, DateOnly due, string detail, int? subject = null) =>
        _world.Add(new Reminder { Kind = kind, SubjectId = subject ?? person?.Id ?? 0, RetireeId = person?.Id, OccasionOn = due, DueOn = due, Detail = detail });

    private void Accounts(int unitId, int? groupId)
    {
        AppUser User(string name, UserRole role, string? email, int? unit = null, int? group = null, bool disabled = false) => new()
        {
            UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name, Role = role, UnitId = unit, GroupId = group, Email = email, IsDisabled = disabled,
        };

        var users = new List<AppUser>
        {
            User("staff", UserRole.DistrictStaff, "staff@example.cn"),
            User("nomail", UserRole.DistrictStaff, null),
            User("left", UserRole.DistrictStaff, "left@example.cn", disabled: true),
            User("boss", UserRole.Leadership, "boss@example.cn"),
        };
        if (groupId is { } g)
        {
            users.Add(User("officer", UserRole.UnitOfficer, "officer@example.cn", unitId));
            users.Add(User("leader", UserRole.GroupLeader, "leader@example.cn", unitId, g));
        }

        _world.Add([.. users]);
    }
}
