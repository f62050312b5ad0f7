using System.Globalization;
using Bogus;

namespace Intranet.Domain.Register.Demo;

/// <summary>What a unit is like inside its <see cref="UnitKind"/>: it decides posts, titles, size and the share of women.</summary>
internal enum UnitProfile
{
    Office,
    Research,
    Secondary,
    Primary,
    Adult,
    Kindergarten,
}

internal sealed record UnitTemplate(string Name, UnitProfile Profile, double Size = 1);

internal sealed record Subdistrict(string District, string Name, string[] Streets, string[] Communities);

/// <summary>Units, districts, streets and birthplaces of Chengdu, with Qingyang (青羊区) at the centre.</summary>
internal static class DemoPlaces
{
    public const string HomeDistrict = "青羊区";

    /// <summary>Qingyang's own units, in the order the quotas take them; beyond these, names are composed.</summary>
    public static readonly IReadOnlyDictionary<UnitProfile, UnitTemplate[]> KnownUnits = new Dictionary<UnitProfile, UnitTemplate[]>
    {
        [UnitProfile.Office] =
        [
            new("青羊区教育局机关", UnitProfile.Office, 1.3),
            new("青羊区教育人才服务中心", UnitProfile.Office, 0.7),
            new("青羊区教育技术装备中心", UnitProfile.Office, 0.5),
            new("青羊区招生考试中心", UnitProfile.Office, 0.4),
            new("青羊区青少年校外活动中心", UnitProfile.Office, 0.5),
        ],
        [UnitProfile.Research] =
        [
            new("青羊区教育研究院", UnitProfile.Research),
            new("青羊区教师进修学校", UnitProfile.Research, 0.8),
        ],
        [UnitProfile.Secondary] =
        [
            new("成都市石室中学", UnitProfile.Secondary, 2.0),
            new("成都市树德中学", UnitProfile.Secondary, 2.0),
            new("成都市石室联合中学", UnitProfile.Secondary, 1.3),
            new("成都市树德实验中学", UnitProfile.Secondary, 1.3),
            new("成都市青羊实验中学", UnitProfile.Secondary, 1.1),
            new("成都市文翁实验中学", UnitProfile.Secondary),
            new("成都市成飞中学", UnitProfile.Secondary),
            new("成都市第十一中学", UnitProfile.Secondary),
            new("成都市第三十七中学", UnitProfile.Secondary),
            new("成都市金沙中学", UnitProfile.Secondary, 0.8),
            new("成都市光华中学", UnitProfile.Secondary, 0.8),
            new("成都市苏坡中学", UnitProfile.Secondary, 0.7),
            new("成都市黄田坝中学", UnitProfile.Secondary, 0.7),
            new("成都市同辉（国际）学校", UnitProfile.Secondary, 0.6),
        ],
        [UnitProfile.Primary] =
        [
            new("青羊区实验小学", UnitProfile.Primary, 1.2),
            new("成都市实验小学", UnitProfile.Primary, 1.4),
            new("成都市泡桐树小学", UnitProfile.Primary, 1.3),
            new("成都市草堂小学", UnitProfile.Primary, 1.3),
            new("成都市金沙小学", UnitProfile.Primary, 1.1),
            new("成都市东城根街小学", UnitProfile.Primary, 1.2),
            new("成都市商业街小学", UnitProfile.Primary, 1.1),
            new("成都市西马棚街小学", UnitProfile.Primary),
            new("成都市少城小学", UnitProfile.Primary),
            new("成都市奎星楼小学", UnitProfile.Primary),
            new("成都市胜西小学", UnitProfile.Primary),
            new("成都市青华小学", UnitProfile.Primary),
            new("成都市光华小学", UnitProfile.Primary),
            new("成都市树德小学", UnitProfile.Primary),
            new("成都市草市街小学", UnitProfile.Primary),
            new("成都市实业街小学", UnitProfile.Primary),
            new("成都市文家小学", UnitProfile.Primary, 0.8),
            new("成都市蔡桥小学", UnitProfile.Primary, 0.8),
            new("成都市康河小学", UnitProfile.Primary, 0.7),
            new("成都市泡桐树小学西区分校", UnitProfile.Primary, 0.6),
            new("成都市草堂小学西区分校", UnitProfile.Primary, 0.6),
            new("成都市实验小学西区分校", UnitProfile.Primary, 0.6),
            new("成都市青羊实验中学附属小学", UnitProfile.Primary, 0.8),
            new("成都市石人小学", UnitProfile.Primary),
            new("成都市清波小学", UnitProfile.Primary, 0.8),
            new("成都市万家湾小学", UnitProfile.Primary, 0.7),
            new("成都市优品道小学", UnitProfile.Primary, 0.5),
            new("成都市苏坡小学", UnitProfile.Primary, 0.8),
            new("成都市黄田坝小学", UnitProfile.Primary, 0.8),
            new("成都市浣花小学", UnitProfile.Primary, 0.8),
            new("成都市金阳小学", UnitProfile.Primary, 0.6),
            new("成都市西御河小学", UnitProfile.Primary, 0.8),
        ],
        [UnitProfile.Adult] =
        [
            new("青羊区成人教育学校", UnitProfile.Adult),
            new("青羊区社区学院", UnitProfile.Adult),
            new("青羊区业余大学", UnitProfile.Adult, 0.8),
            new("青羊区职工学校", UnitProfile.Adult, 0.6),
        ],
        [UnitProfile.Kindergarten] =
        [
            new("青羊区第一幼儿园", UnitProfile.Kindergarten, 1.2),
            new("青羊区实验幼儿园", UnitProfile.Kindergarten, 1.2),
            new("青羊区第二幼儿园", UnitProfile.Kindergarten),
            new("青羊区金沙幼儿园", UnitProfile.Kindergarten),
            new("青羊区第三幼儿园", UnitProfile.Kindergarten),
            new("青羊区草堂幼儿园", UnitProfile.Kindergarten),
            new("青羊区光华幼儿园", UnitProfile.Kindergarten),
            new("青羊区苏坡幼儿园", UnitProfile.Kindergarten),
            new("青羊区蔡桥幼儿园", UnitProfile.Kindergarten),
            new("青羊区文家幼儿园", UnitProfile.Kindergarten),
            new("青羊区康河幼儿园", UnitProfile.Kindergarten),
            new("青羊区黄田坝幼儿园", UnitProfile.Kindergarten),
        ],
    };

    /// <summary>Registers of a whole city (tens of thousands) reach past Qingyang into the other districts.</summary>
    private static readonly string[] Districts =
    [
        "青羊区", "锦江区", "金牛区", "武侯区", "成华区", "龙泉驿区", "新都区", "温江区", "双流区", "郫都区", "新津区",
        "都江堰市", "彭州市", "邛崃市", "崇州市", "简阳市", "金堂县", "大邑县", "蒲江县",
    ];

    private static readonly string[] PlaceWords =
    [
        "东风", "红光", "光明", "新华", "胜利", "和平", "建设", "人民", "文昌", "锦城", "芙蓉", "天府", "龙江", "花园",
        "桂花", "玉林", "晨光", "育才", "星辉", "青龙", "白果", "双林", "沙河", "府河", "金河", "银杏", "紫荆", "梧桐",
        "桂湖", "东湖", "南湖", "望江", "磨子桥", "九眼桥", "万年场", "驷马桥", "营门口", "茶店子", "金泉", "三圣", "双桥",
        "跳蹬河", "猛追湾", "龙潭", "十陵", "洪河", "大面", "桂溪", "石羊", "中和", "华阳", "永丰", "簇桥", "机投",
        "金花", "红牌楼", "棕北", "玉泉", "柳城", "涌泉", "万春", "郫筒", "犀浦", "德源", "唐昌", "新繁", "大丰", "三河",
        "龙桥", "西河", "清泉", "东升", "九江", "黄甲", "五津", "花源", "灌口", "幸福", "天马", "蒲阳", "天彭", "致和",
        "临邛", "羊安", "崇阳", "江源", "简城", "赵镇", "淮口", "晋原", "安仁", "鹤山", "寿安", "文庙", "锦里", "浣花",
    ];

    private static readonly Dictionary<UnitProfile, string[]> ComposedPatterns = new Dictionary<UnitProfile, string[]>
    {
        [UnitProfile.Office] = ["{d}教育局机关", "{d}教育人才服务中心", "{d}教育技术装备中心", "{d}招生考试中心", "{d}教育后勤服务中心", "{d}青少年校外活动中心"],
        [UnitProfile.Research] = ["{d}教育研究院", "{d}教师进修学校", "{d}教育科学研究所"],
        [UnitProfile.Secondary] = ["{d}{p}中学", "{d}{p}中学", "{d}{p}实验中学", "{d}{p}外国语学校"],
        [UnitProfile.Primary] = ["{d}{p}小学", "{d}{p}小学", "{d}{p}小学", "{d}{p}实验小学", "{d}{p}学校"],
        [UnitProfile.Adult] = ["{d}成人教育学校", "{d}社区学院", "{d}业余大学", "{d}{p}社区教育学校"],
        [UnitProfile.Kindergarten] = ["{d}{p}幼儿园", "{d}{p}幼儿园", "{d}{p}实验幼儿园"],
    };

    private static readonly Dictionary<UnitProfile, string> NumberedSuffixes = new Dictionary<UnitProfile, string>
    {
        [UnitProfile.Office] = "教育服务中心",
        [UnitProfile.Research] = "教育研究所",
        [UnitProfile.Secondary] = "中学",
        [UnitProfile.Primary] = "小学",
        [UnitProfile.Adult] = "成人学校",
        [UnitProfile.Kindergarten] = "幼儿园",
    };

    /// <summary>
    /// A unit name not yet in <paramref name="taken"/>. Random compositions first; once those keep colliding, a
    /// numbered name (金牛区第12小学) that is certain to be free, so the loop always ends.
    /// </summary>
    public static string ComposeUnitName(Randomizer random, UnitProfile profile, HashSet<string> taken)
    {
        var patterns = ComposedPatterns[profile];
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var name = random.ArrayElement(patterns)
                .Replace("{d}", random.ArrayElement(Districts), StringComparison.Ordinal)
                .Replace("{p}", random.ArrayElement(PlaceWords), StringComparison.Ordinal);
            if (taken.Add(name))
            {
                return name;
            }
        }

        var district = random.ArrayElement(Districts);
        for (var number = 1; ; number++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{district}第{number}{NumberedSuffixes[profile]}");
            if (taken.Add(name))
            {
                return name;
            }
        }
    }

    public static UnitKind KindOf(UnitProfile profile) => profile switch
    {
        UnitProfile.Office or UnitProfile.Research => UnitKind.DirectUnit,
        UnitProfile.Secondary or UnitProfile.Primary => UnitKind.School,
        UnitProfile.Adult => UnitKind.AdultSchool,
        _ => UnitKind.Kindergarten,
    };

    // Most retirees live near the old centre of Qingyang; about one in ten has moved elsewhere in Chengdu.
    public static readonly WeightedTable<Subdistrict> Subdistricts = new(
    [
        (new(HomeDistrict, "少城街道", ["少城路", "长顺上街", "长顺中街", "宽巷子", "窄巷子", "井巷子", "支矶石街", "同仁路", "实业街", "泡桐树街"],
            ["泡桐树社区", "宽巷子社区", "东门街社区", "实业街社区", "长顺街社区"]), 1.3),
        (new(HomeDistrict, "草市街道", ["草市街", "玉带桥街", "太升北路", "白家塘街", "锣锅巷", "东马道街"],
            ["草市街社区", "玉带桥社区", "锣锅巷社区", "白家塘社区"]), 1.0),
        (new(HomeDistrict, "西御河街道", ["西御街", "东城根上街", "人民中路一段", "羊市街", "青龙街", "八宝街", "西玉龙街"],
            ["西御河社区", "青龙街社区", "八宝街社区", "羊市街社区"]), 1.0),
        (new(HomeDistrict, "汪家拐街道", ["汪家拐街", "东城根南街", "金河路", "小南街", "君平街", "三道街"],
            ["汪家拐社区", "君平街社区", "小南街社区", "金河路社区"]), 1.0),
        (new(HomeDistrict, "府南街道", ["浣花北路", "青华路", "琴台路", "一环路西一段", "通惠门路", "青羊正街"],
            ["青华社区", "浣花溪社区", "通惠门社区", "草堂社区", "青羊宫社区"]), 1.3),
        (new(HomeDistrict, "光华街道", ["光华大道一段", "光华村街", "光华北三路", "光华东三路", "腾飞大道", "二环路西一段"],
            ["光华社区", "腾飞社区", "光华村社区", "光华东社区"]), 1.3),
        (new(HomeDistrict, "金沙街道", ["金沙遗址路", "青羊大道", "清江中路", "清江东路", "金阳路", "金鹏街"],
            ["金沙社区", "金阳社区", "清江路社区", "金鹏社区"]), 1.2),
        (new(HomeDistrict, "黄田坝街道", ["黄田坝一街", "成飞大道", "经一路", "经二路"],
            ["黄田坝社区", "成飞社区", "经一路社区", "新华社区"]), 0.8),
        (new(HomeDistrict, "苏坡街道", ["苏坡东路", "苏坡中路", "清江西路", "西三环路五段"],
            ["苏坡社区", "清江西路社区", "西苑社区", "长寿苑社区"]), 1.0),
        (new(HomeDistrict, "文家街道", ["文家场正街", "文和路", "光华大道三段"],
            ["文家社区", "大石桥社区", "红岩社区"]), 0.6),
        (new(HomeDistrict, "蔡桥街道", ["蔡桥街", "日月大道二段", "万家湾路"],
            ["蔡桥社区", "万家湾社区", "日月社区"]), 0.8),
        (new(HomeDistrict, "康河街道", ["康河路", "东坡北路", "迎宾大道"],
            ["康河社区", "东坡社区", "迎宾社区"]), 0.6),
        (new(HomeDistrict, "芦溪河街道", ["浣花南路", "芦溪河路", "百花中心路"],
            ["芦溪河社区", "浣花社区", "百花潭社区"]), 0.6),
        (new("金牛区", "抚琴街道", ["抚琴西路", "抚琴东北路", "西安中路"], ["抚琴社区", "西安路社区"]), 0.35),
        (new("武侯区", "玉林街道", ["玉林北路", "玉林中路", "芳草街"], ["玉林社区", "芳草社区"]), 0.3),
        (new("武侯区", "浆洗街街道", ["浆洗街", "洗面桥街", "高升桥路"], ["洗面桥社区", "高升桥社区"]), 0.2),
        (new("成华区", "猛追湾街道", ["猛追湾街", "建设路"], ["猛追湾社区", "建设路社区"]), 0.15),
        (new("锦江区", "书院街街道", ["书院西街", "红星路二段"], ["书院街社区", "红星路社区"]), 0.15),
        (new("温江区", "柳城街道", ["柳城大道", "德通桥路"], ["德通桥社区", "凤溪社区"]), 0.15),
        (new("郫都区", "郫筒街道", ["望丛中路", "东大街"], ["望丛社区", "东大街社区"]), 0.1),
    ]);

    public static string Address(Randomizer random, Subdistrict subdistrict)
    {
        var street = random.ArrayElement(subdistrict.Streets);
        var number = random.Number(1, 180);

        // Old walk-up blocks: seven floors at most, a few flats per landing.
        var floor = random.Number(1, 7);
        var flat = random.Number(1, 4);
        return random.Double() < 0.75
            ? string.Create(CultureInfo.InvariantCulture,
                $"{subdistrict.District}{street}{number}号{random.Number(1, 12)}栋{random.Number(1, 4)}单元{floor}{flat:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{subdistrict.District}{street}{number}号{floor}楼{flat}号");
    }

    /// <summary>
    /// Where an ID number was issued (its first six digits): mostly Chengdu, with codes as they stood when the
    /// numbers were issued (510122 was 双流县, 510124 郫县), then elsewhere in Sichuan, then further afield.
    /// </summary>
    public static readonly WeightedTable<string> BirthplaceAreaCodes = new(
    [
        ("510105", 34), ("510104", 7), ("510106", 8), ("510107", 8), ("510108", 6), ("510112", 3), ("510113", 2),
        ("510114", 2), ("510122", 3), ("510124", 3), ("510115", 2), ("510181", 1.5), ("510182", 1), ("510129", 1),
        ("510603", 2), ("510703", 2), ("511002", 1.5), ("511102", 1.5), ("511302", 2), ("511402", 1.5), ("511502", 1.5),
        ("510502", 1), ("510304", 1), ("511602", 1), ("511702", 1),
        ("500103", 1.5), ("110101", 0.5), ("310101", 0.5), ("420102", 0.5), ("430102", 0.5), ("610102", 0.5), ("320102", 0.4),
    ]);

    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
        "150", "151", "152", "153", "155", "156", "157", "158", "159",
        "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
    ];

    public static string Mobile(Randomizer random) =>
        random.ArrayElement(MobilePrefixes) + random.Number(0, 99_999_999).ToString("00000000", CultureInfo.InvariantCulture);

    /// <summary>A Chengdu fixed line; many of the oldest retirees still answer only this.</summary>
    public static string Landline(Randomizer random) =>
        "028-8" + random.Number(0, 9_999_999).ToString("0000000", CultureInfo.InvariantCulture);
}
