using Intranet.Domain.Data;
using Intranet.Domain.Jobs;
using Intranet.Domain.Register;
using Intranet.Domain.Reminders;
using Intranet.Domain.University;
using Intranet.Domain.Welfare;
using Intranet.Jobs;
using Intranet.Jobs.Reminders;
using Intranet.Jobs.Scheduling;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intranet.Tests.Reminders;

/// <summary>
/// The reminder scan as the scheduler runs it (through <see cref="JobRunner"/>, which records each run), over a real
/// SQLite file, with a clock the test moves in the office's time zone. "Servers" share the database, each with its own runner.
/// </summary>
public sealed class ScanWorld : IDisposable
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static int _sequence;
    private readonly List<ServiceProvider> _servers = [];

    public ScanWorld()
    {
        Database = new TestDatabase().Migrated();
        Runner = NewServer();
    }

    public TestDatabase Database { get; }

    public FixedClock Clock { get; } = new(DateTimeOffset.UnixEpoch, Shanghai);

    public ReminderOptions Options { get; } = new();

    public JobRunner Runner { get; }

    public IntranetDbContext Context() => Database.CreateContext(time: Clock);

    /// <summary>Sets the clock to <paramref name="day"/> at the hour given, office time.</summary>
    public void SetDay(DateOnly day, int hour = 6, int minute = 30)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        Clock.Now = new DateTimeOffset(local, Shanghai.GetUtcOffset(local));
    }

    /// <summary>The day's scheduled scan on this server.</summary>
    public async Task<JobRun> ScanOnAsync(DateOnly day, JobRunner? server = null)
    {
        SetDay(day);
        return (await (server ?? Runner).RunAsync(nameof(ReminderScan), JobTrigger.Scheduled))!;
    }

    /// <summary>Another app instance on the same database, with a scheduler of its own.</summary>
    public JobRunner NewServer()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Database.Factory(time: Clock));
        services.AddSingleton<IOptions<ReminderOptions>>(new OptionsWrapper<ReminderOptions>(Options));
        services.AddScheduledJob<ReminderScan>("每日提醒扫描", "0 30 6 * * ?", "测试", catchUp: true);
        services.AddScheduledJob<ReminderDigestJob>("每日提醒邮件", "0 0 7 * * ?", "测试", catchUp: false);
        services.AddSingleton<JobRunner>();
        var provider = services.BuildServiceProvider();
        _servers.Add(provider);
        return provider.GetRequiredService<JobRunner>();
    }

    public async Task<List<Reminder>> RemindersAsync()
    {
        await using var db = Context();
        return await db.Set<Reminder>().AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    public Unit Unit()
    {
        using var db = Context();
        return new RegisterBuilder(db).Unit();
    }

    public Retiree Person(Unit unit, string name, DateOnly birth, bool lunar = false, Action<Retiree>? configure = null)
    {
        using var db = Context();
        var retiree = new Retiree
        {
            Name = name, Gender = Gender.Female, BirthDate = birth, BirthdayIsLunar = lunar, UnitId = unit.Id,
            IdNumber = ResidentIdNumber.Create("510105", birth, Interlocked.Increment(ref _sequence) % 900 + 10, Gender.Female).Value,
        };
        configure?.Invoke(retiree);
        db.Retirees.Add(retiree);
        db.SaveChanges();
        return retiree;
    }

    public void Add(params object[] records)
    {
        using var db = Context();
        db.AddRange(records);
        db.SaveChanges();
    }

    public UniversityClass Class(string name, DateOnly startsOn)
    {
        using var db = Context();
        var term = new Term { Name = $"{name}学期", StartsOn = startsOn, EndsOn = startsOn.AddMonths(4) };
        var course = new Course { Name = $"{name}课程" };
        var universityClass = new UniversityClass
        {
            Name = name, Term = term, Course = course, Weekday = ClassDay.Monday, StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(11, 0),
            Capacity = 30, StartsOn = startsOn, EndsOn = startsOn.AddMonths(4),
        };
        db.Add(universityClass);
        db.SaveChanges();
        return universityClass;
    }

    /// <summary>The office day a reminder was raised on (its creation, in office time).</summary>
    public static DateOnly RaisedOn(Reminder reminder) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(reminder.CreatedAt, DateTimeKind.Utc), Shanghai));

    public static WelfareCase Case(int retireeId, DateOnly opened, DateOnly? next) => new()
    {
        RetireeId = retireeId, Type = CaseType.HardshipSubsidy, Reason = "生活困难", Officer = "王建华", OpenedOn = opened, NextFollowUpOn = next,
    };

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }

        Database.Dispose();
    }
}
