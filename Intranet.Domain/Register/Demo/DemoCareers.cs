using Bogus;

namespace Intranet.Domain.Register.Demo;

/// <summary>How a former post shapes the rest of a record: its title, its retirement age, its odds of party membership.</summary>
internal enum PostKind
{
    Teacher,
    Leader,
    Researcher,
    Cadre,
    Worker,
    Accountant,
    Medical,
    Librarian,
}

internal sealed record Post(string Name, PostKind Kind);

/// <summary>Former posts, titles and health notes as a district's retiree sheets carry them.</summary>
internal static class DemoCareers
{
    /// <summary>The 2015 reform unified school titles; people who retired later carry the new names.</summary>
    public const int UnifiedTitlesFromYear = 2016;

    private static readonly Post Teacher = new("教师", PostKind.Teacher);
    private static readonly Post HeadTeacher = new("班主任", PostKind.Teacher);
    private static readonly Post SubjectLead = new("教研组长", PostKind.Teacher);
    private static readonly Post GradeLead = new("年级组长", PostKind.Teacher);
    private static readonly Post Dean = new("教导主任", PostKind.Leader);
    private static readonly Post VicePrincipal = new("副校长", PostKind.Leader);
    private static readonly Post Principal = new("校长", PostKind.Leader);
    private static readonly Post PartySecretary = new("党支部书记", PostKind.Leader);
    private static readonly Post Support = new("后勤", PostKind.Worker);
    private static readonly Post Handyman = new("工勤", PostKind.Worker);
    private static readonly Post Driver = new("驾驶员", PostKind.Worker);
    private static readonly Post Accountant = new("会计", PostKind.Accountant);
    private static readonly Post Doctor = new("校医", PostKind.Medical);
    private static readonly Post Librarian = new("图书管理员", PostKind.Librarian);

    // Weights are (men, women): heads of schools and drivers were mostly men, nursery staff almost all women.
    private static readonly Dictionary<UnitProfile, (WeightedTable<Post> Men, WeightedTable<Post> Women)> Posts =
        new Dictionary<UnitProfile, (WeightedTable<Post>, WeightedTable<Post>)>
        {
            [UnitProfile.Secondary] = Split(
            [
                (Teacher, 48, 50), (HeadTeacher, 14, 17), (SubjectLead, 9, 7), (GradeLead, 4, 3), (Dean, 4, 2),
                (VicePrincipal, 3, 1.2), (Principal, 1.2, 0.3), (PartySecretary, 1, 0.4), (Support, 6, 6), (Handyman, 4, 2),
                (Driver, 1, 0), (Accountant, 0.5, 2.5), (Doctor, 0.5, 1.5), (Librarian, 0.5, 2),
            ]),
            [UnitProfile.Primary] = Split(
            [
                (Teacher, 50, 52), (HeadTeacher, 12, 18), (SubjectLead, 8, 7), (GradeLead, 3, 3), (Dean, 4, 2),
                (VicePrincipal, 3, 1.3), (Principal, 1.5, 0.5), (PartySecretary, 1, 0.4), (Support, 7, 6), (Handyman, 5, 2),
                (Driver, 0.5, 0), (Accountant, 0.5, 2.5), (Doctor, 0.3, 1.2), (Librarian, 0.5, 1.8),
            ]),
            [UnitProfile.Kindergarten] = Split(
            [
                (Teacher, 30, 52), (new("保育员", PostKind.Worker), 2, 22), (new("副园长", PostKind.Leader), 1, 3),
                (new("园长", PostKind.Leader), 1, 1.5), (new("保健医生", PostKind.Medical), 1, 3), (Support, 30, 8),
                (new("炊事员", PostKind.Worker), 20, 4), (Accountant, 1, 3),
            ]),
            [UnitProfile.Adult] = Split(
            [
                (Teacher, 60, 62), (SubjectLead, 8, 6), (Dean, 4, 2), (VicePrincipal, 3, 1.5), (Principal, 1.5, 0.5),
                (Support, 8, 8), (Accountant, 1, 4), (Librarian, 1, 3),
            ]),
            [UnitProfile.Office] = Split(
            [
                (new("科员", PostKind.Cadre), 30, 38), (new("副科长", PostKind.Cadre), 12, 10), (new("科长", PostKind.Cadre), 10, 6),
                (new("副局长", PostKind.Leader), 3, 1), (new("局长", PostKind.Leader), 1, 0.3), (new("督学", PostKind.Researcher), 6, 4),
                (Accountant, 2, 8), (Driver, 8, 0), (Support, 8, 8),
            ]),
            [UnitProfile.Research] = Split(
            [
                (new("教研员", PostKind.Researcher), 55, 60), (new("副院长", PostKind.Leader), 3, 1.5), (new("院长", PostKind.Leader), 1, 0.5),
                (new("科员", PostKind.Cadre), 10, 12), (Accountant, 1, 4), (Support, 6, 6), (Librarian, 1, 3),
            ]),
        };

    public static Post PickPost(Randomizer random, UnitProfile profile, Gender gender)
    {
        var (men, women) = Posts[profile];
        return (gender == Gender.Male ? men : women).Pick(random);
    }

    private static readonly WeightedTable<string> OldSecondaryTitles = new([("中学高级教师", 38), ("中学一级教师", 40), ("中学二级教师", 18), ("中学三级教师", 2)]);
    private static readonly WeightedTable<string> OldSecondaryLeaderTitles = new([("中学高级教师", 75), ("中学一级教师", 22), ("特级教师", 3)]);
    private static readonly WeightedTable<string> OldPrimaryTitles = new([("小学高级教师", 55), ("小学一级教师", 30), ("小学二级教师", 8), ("中学高级教师", 4)]);
    private static readonly WeightedTable<string> OldPrimaryLeaderTitles = new([("小学高级教师", 70), ("中学高级教师", 25), ("特级教师", 5)]);
    private static readonly WeightedTable<string> OldKindergartenTitles = new([("小学高级教师", 35), ("幼儿园高级教师", 20), ("小学一级教师", 25), ("幼儿园一级教师", 15), ("小学二级教师", 5)]);
    private static readonly WeightedTable<string> UnifiedTitles = new([("正高级教师", 1.5), ("高级教师", 40), ("一级教师", 42), ("二级教师", 14), ("三级教师", 1)]);
    private static readonly WeightedTable<string> UnifiedLeaderTitles = new([("正高级教师", 8), ("高级教师", 80), ("一级教师", 12)]);
    private static readonly WeightedTable<string> WorkerTitles = new([("高级工", 40), ("技师", 15), ("中级工", 25)]);
    private static readonly WeightedTable<string> AccountantTitles = new([("会计师", 60), ("助理会计师", 30), ("高级会计师", 10)]);
    private static readonly WeightedTable<string> MedicalTitles = new([("主治医师", 40), ("医师", 35), ("主管护师", 20), ("副主任医师", 5)]);
    private static readonly WeightedTable<string> LibrarianTitles = new([("馆员", 55), ("助理馆员", 40), ("副研究馆员", 5)]);

    /// <summary>The professional title (职称), or <c>null</c> for posts that have none (civil servants, some workers).</summary>
    public static string? PickTitle(Randomizer random, UnitProfile profile, Post post, int retirementYear)
    {
        var unified = retirementYear >= UnifiedTitlesFromYear;
        var leader = post.Kind == PostKind.Leader;
        switch (post.Kind)
        {
            case PostKind.Worker:
                return random.Double() < 0.2 ? null : WorkerTitles.Pick(random);
            case PostKind.Accountant:
                return AccountantTitles.Pick(random);
            case PostKind.Medical:
                return MedicalTitles.Pick(random);
            case PostKind.Librarian:
                return LibrarianTitles.Pick(random);
            case PostKind.Cadre:
                // Civil servants carry no title, unless they came to the office from a school.
                if (random.Double() < 0.7)
                {
                    return null;
                }

                break;
        }

        if (unified)
        {
            return (leader ? UnifiedLeaderTitles : UnifiedTitles).Pick(random);
        }

        return profile switch
        {
            UnitProfile.Primary => (leader ? OldPrimaryLeaderTitles : OldPrimaryTitles).Pick(random),
            UnitProfile.Kindergarten => (leader ? OldPrimaryLeaderTitles : OldKindergartenTitles).Pick(random),
            _ => (leader ? OldSecondaryLeaderTitles : OldSecondaryTitles).Pick(random),
        };
    }

    public static readonly string[] ChronicNotes =
    [
        "高血压，需定期复查", "糖尿病，长期服药", "冠心病，常备急救药", "慢性支气管炎，冬季易发", "腰椎间盘突出，行走不便",
        "骨质疏松，注意防跌倒", "类风湿关节炎", "白内障术后，视力较弱", "听力下降，电话联系需大声", "高血脂，定期复查",
        "颈椎病", "慢性胃炎", "痛风，饮食需注意",
    ];

    public static readonly string[] SeriousNotes =
    [
        "肺癌术后，定期化疗", "乳腺癌术后康复中", "胃癌术后，需定期复查", "尿毒症，每周透析三次", "脑梗后遗症，行动不便",
        "帕金森病，需专人照护", "阿尔茨海默病，需专人照护", "心力衰竭，多次住院", "肝硬化，长期治疗", "结肠癌术后，定期复查",
        "慢性阻塞性肺病，长期吸氧",
    ];

    public static readonly string[] BedriddenNotes =
    [
        "脑梗后遗症，长期卧床", "中风偏瘫，生活不能自理", "阿尔茨海默病，需专人照护", "股骨颈骨折术后，卧床休养",
    ];

    private static (WeightedTable<Post> Men, WeightedTable<Post> Women) Split(IEnumerable<(Post Post, double Men, double Women)> entries)
    {
        var list = entries.ToArray();
        return (new(list.Select(e => (e.Post, e.Men))), new(list.Select(e => (e.Post, e.Women))));
    }
}
