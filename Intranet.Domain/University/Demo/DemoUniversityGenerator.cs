using Intranet.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Domain.University.Demo;

/// <summary>
/// Two years of the elderly university over the demo register (the year before and this year to date) at Qingyang's
/// 2019 scale: about 105 classes a year in a spring and an autumn term, some 6,000 enrolments (人次) of which retired
/// teachers hold a little under half, the rest outside learners from the district's communities, weekly sessions with
/// attendance taken up to today, and popular classes full with a waiting line.
/// </summary>
public static class DemoUniversityGenerator
{
    private static readonly (string Name, CourseCategory Category)[] Courses =
    [
        ("书法", CourseCategory.CalligraphyPainting), ("国画", CourseCategory.CalligraphyPainting), ("工笔花鸟", CourseCategory.CalligraphyPainting),
        ("声乐", CourseCategory.Music), ("葫芦丝", CourseCategory.Music), ("钢琴", CourseCategory.Music), ("合唱", CourseCategory.Music),
        ("民族舞", CourseCategory.Dance), ("形体", CourseCategory.Dance), ("摄影", CourseCategory.Photography), ("手机摄影", CourseCategory.Photography),
        ("智能手机应用", CourseCategory.Computing), ("电脑基础", CourseCategory.Computing), ("太极拳", CourseCategory.Fitness),
        ("八段锦", CourseCategory.Fitness), ("中医养生", CourseCategory.Fitness), ("诗词鉴赏", CourseCategory.Literature), ("蜀地历史", CourseCategory.Literature),
    ];

    private static readonly string[] Teachers = ["周老师", "吴老师", "郑老师", "王老师", "冯老师", "陈老师", "褚老师", "卫老师", "蒋老师", "沈老师", "韩老师", "杨老师"];
    private static readonly string[] Communities = ["草堂社区", "文殊院社区", "宽窄巷子社区", "浣花溪社区", "府南社区", "光华社区", "金沙社区", "苏坡社区"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林"];
    private static readonly string[] Given = ["淑芬", "秀英", "桂兰", "玉珍", "建国", "志强", "国华", "秀珍", "丽华", "德明", "文华", "素琴", "明", "红", "英", "芳"];

    /// <summary>
    /// Inserts the university's records unless there are some already. <paramref name="classesPerTerm"/> sets the
    /// scale (about 52 is Qingyang's); the same register and <paramref name="today"/> give the same records.
    /// </summary>
    public static async Task SeedAsync(IntranetDbContext db, DateOnly today, int seed = 2019, int classesPerTerm = 52, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<Term>().AnyAsync(cancellationToken))
        {
            return;
        }

        var retirees = await db.Retirees.AsNoTracking().Where(r => !r.IsDeceased).Select(r => r.Id).ToListAsync(cancellationToken);
        if (retirees.Count == 0)
        {
            return;
        }

        var random = new Random(seed);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var courses = Courses.Select(c => new Course { Name = c.Name, Category = c.Category }).ToList();
            var guests = Enumerable.Range(0, Math.Max(200, classesPerTerm * 30))
                .Select(i => new GuestLearner
                {
                    Name = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)],
                    Phone = $"13{random.Next(100_000_000, 999_999_999)}",
                    Community = Communities[random.Next(Communities.Length)],
                    BirthYear = today.Year - random.Next(58, 80),
                })
                .ToList();
            var terms = new List<Term>();
            foreach (var year in new[] { today.Year - 1, today.Year })
            {
                terms.Add(new Term { Name = $"{year}年春季学期", StartsOn = new DateOnly(year, 3, 1), EndsOn = new DateOnly(year, 7, 10) });
                terms.Add(new Term { Name = $"{year}年秋季学期", StartsOn = new DateOnly(year, 9, 1), EndsOn = new DateOnly(year + 1, 1, 15) });
            }

            db.AddRange(courses);
            db.AddRange(terms);
            await db.SaveChangesAsync(cancellationToken);
            await db.InsertInBatchesAsync(guests, 2000, cancellationToken);
            var guestIds = guests.Select(g => g.Id).ToList();

            foreach (var term in terms)
            {
                var classes = new List<UniversityClass>();
                for (var i = 0; i < classesPerTerm; i++)
                {
                    var course = courses[i % courses.Count];
                    var weekday = (ClassDay)(i % 5 + 1);
                    var morning = random.Next(2) == 0;
                    var number = i / courses.Count + 1;
                    classes.Add(new UniversityClass
                    {
                        TermId = term.Id,
                        CourseId = course.Id,
                        Name = number <= 10 ? $"{course.Name}{"一二三四五六七八九十"[number - 1]}班" : $"{course.Name}{number}班",
                        Teacher = Teachers[random.Next(Teachers.Length)],
                        Place = $"老年大学{random.Next(1, 4)}0{random.Next(1, 8)}教室",
                        Weekday = weekday,
                        StartTime = morning ? new TimeOnly(9, 0) : new TimeOnly(14, 30),
                        EndTime = morning ? new TimeOnly(10, 30) : new TimeOnly(16, 0),
                        Capacity = random.Next(4, 9) * 10,
                        StartsOn = term.StartsOn,
                        EndsOn = term.EndsOn,
                    });
                }

                await db.InsertInBatchesAsync(classes, 500, cancellationToken);

                // A class at a time: its sessions and learners, then the marks of the sessions held so far.
                foreach (var universityClass in classes)
                {
                    await SeedClassAsync(db, universityClass, retirees, guestIds, today, random, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static async Task SeedClassAsync(
        IntranetDbContext db, UniversityClass universityClass, List<int> retirees, List<int> guests, DateOnly today, Random random, CancellationToken cancellationToken)
    {
        var sessions = universityClass.ScheduledDays()
            .Select(d => new ClassSession { ClassId = universityClass.Id, Date = d, IsCancelled = IsHoliday(d), Note = IsHoliday(d) ? "节假日停课" : null })
            .ToList();

        // Most classes fill to 80–100 %, one in six is oversubscribed and keeps a waiting line.
        var full = random.Next(6) == 0;
        var seated = full ? universityClass.Capacity : universityClass.Capacity * random.Next(80, 101) / 100;
        var waiting = full ? random.Next(2, 9) : 0;
        var applied = universityClass.StartsOn.AddDays(-20).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        var people = new HashSet<(bool Guest, int Id)>();
        var enrolments = new List<Enrolment>();
        while (enrolments.Count < seated + waiting)
        {
            // A little under half the learners are retired teachers (2,800 of 6,000 in 2019).
            var guest = random.Next(100) >= 47;
            var id = guest ? guests[random.Next(guests.Count)] : retirees[random.Next(retirees.Count)];
            if (!people.Add((guest, id)))
            {
                continue;
            }

            var isSeated = enrolments.Count < seated;
            enrolments.Add(new Enrolment
            {
                ClassId = universityClass.Id,
                RetireeId = guest ? null : id,
                GuestId = guest ? id : null,
                Status = isSeated ? EnrolmentStatus.Enrolled : EnrolmentStatus.Waiting,
                Seat = isSeated ? enrolments.Count + 1 : null,
                AppliedAt = applied.AddMinutes(enrolments.Count * 7),
            });
        }

        db.Set<ClassSession>().AddRange(sessions);
        db.Set<Enrolment>().AddRange(enrolments);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var marks = new List<Attendance>();
        foreach (var session in sessions.Where(s => !s.IsCancelled && s.Date <= today))
        {
            foreach (var enrolment in enrolments.Where(e => e.Status == EnrolmentStatus.Enrolled))
            {
                var roll = random.Next(100);
                marks.Add(new Attendance
                {
                    SessionId = session.Id,
                    EnrolmentId = enrolment.Id,
                    RetireeId = enrolment.RetireeId,
                    Mark = roll < 86 ? AttendanceMark.Present : roll < 94 ? AttendanceMark.Excused : AttendanceMark.Absent,
                });
            }
        }

        await db.InsertInBatchesAsync(marks, 4000, cancellationToken);
    }

    // The first week of May and of October, and New Year's Day: no classes.
    private static bool IsHoliday(DateOnly day) =>
        (day.Month is 5 or 10 && day.Day <= 7) || (day.Month == 1 && day.Day == 1);
}
