using Bogus;

namespace Intranet.Domain.Register.Demo;

/// <summary>
/// Chinese personal names for the demo register. Bogus's zh_CN locale mixes every era and ignores gender, so the
/// retirees (born 1920s–1970s) and their children (born 1970s–1990s) each get their own given-name tables.
/// </summary>
internal static class ChineseNames
{
    // Weighted towards Sichuan: 李 and 王 lead, 何, 罗, 邓, 曾, 廖, 苟 are far commoner than nationally.
    private static readonly WeightedTable<string> Surnames = new(
    [
        ("李", 7.6), ("王", 7.0), ("张", 6.4), ("刘", 6.0), ("陈", 5.6), ("杨", 4.6), ("黄", 3.0), ("周", 2.6),
        ("赵", 2.4), ("吴", 2.2), ("何", 2.1), ("罗", 2.0), ("胡", 1.4), ("邓", 1.6), ("唐", 1.4), ("徐", 1.3),
        ("曾", 1.3), ("谢", 1.2), ("彭", 1.2), ("蒋", 1.1), ("冯", 1.1), ("朱", 1.1), ("袁", 1.0), ("杜", 1.0),
        ("郭", 1.0), ("孙", 1.0), ("高", 1.0), ("马", 0.9), ("林", 0.8), ("钟", 0.8), ("廖", 0.8), ("肖", 0.8),
        ("余", 0.8), ("郑", 0.8), ("梁", 0.7), ("宋", 0.7), ("任", 0.7), ("田", 0.6), ("付", 0.6), ("向", 0.6),
        ("雷", 0.6), ("熊", 0.6), ("韩", 0.6), ("邱", 0.5), ("汪", 0.5), ("程", 0.5), ("魏", 0.5), ("沈", 0.4),
        ("严", 0.4), ("苟", 0.3), ("龚", 0.4), ("蔡", 0.4), ("丁", 0.4), ("姚", 0.4), ("卢", 0.4), ("陶", 0.3),
        ("范", 0.3), ("方", 0.3), ("贺", 0.3), ("侯", 0.3), ("文", 0.3), ("夏", 0.3), ("鲜", 0.2), ("牟", 0.2),
        ("欧阳", 0.1), ("司马", 0.05),
    ]);

    private static readonly string[] OlderMaleDouble =
    [
        "建国", "建华", "建军", "建平", "国庆", "国华", "国强", "志强", "志明", "志远", "志刚", "文华", "文彬", "文军",
        "德明", "德华", "永福", "永康", "永红", "永平", "家骏", "家明", "绍先", "炳坤", "树森", "世杰", "光明", "光荣",
        "卫东", "卫国", "红兵", "跃进", "立新", "向东", "学军", "学文", "朝阳", "明德", "正清", "玉林", "贵林", "春林",
        "长青", "启明", "庆华", "俊峰", "宗华", "鸿儒", "克勤", "泽民", "兴国", "福生", "成章", "治国", "孝先", "仲文",
        "伯良", "继先", "显荣", "开明", "大勇", "天佑", "云鹏", "海涛", "少华", "定国", "仁杰", "汉章", "新民", "远航",
        "毓华", "世清", "定远", "茂林", "昌明", "泽华", "德成", "荣华", "光辉", "作良",
    ];

    private static readonly string[] OlderMaleSingle =
    [
        "勇", "军", "明", "伟", "斌", "平", "刚", "强", "杰", "华", "林", "彬", "涛", "毅", "峰", "鹏", "力", "健",
        "诚", "忠", "坚", "谦", "荣", "钧", "铭", "渝", "川", "亮", "俊", "松",
    ];

    private static readonly string[] OlderFemaleDouble =
    [
        "秀英", "桂英", "秀兰", "桂兰", "玉兰", "玉珍", "淑珍", "淑芬", "淑华", "素珍", "素芳", "素华", "惠芳", "惠琴",
        "碧君", "碧华", "碧蓉", "淑蓉", "素蓉", "秀琼", "琼华", "蕙兰", "蓉芳", "德芳", "德英", "明珍", "凤英", "凤仙",
        "雪梅", "红梅", "冬梅", "腊梅", "丽华", "丽萍", "丽君", "建英", "建蓉", "红英", "红霞", "晓燕", "晓红", "小琴",
        "小平", "学英", "学琼", "玉华", "玉芬", "玉梅", "燕萍", "文英", "文秀", "国芬", "群英", "金凤", "翠英", "翠华",
        "佩玲", "美玲", "慧敏", "静华", "书琴", "亚玲", "泽芬", "仕英", "世琼", "永琼", "蜀君", "锦华", "开惠", "光碧",
        "月华", "秀珍", "丽琼", "素琼", "华蓉", "朝霞",
    ];

    private static readonly string[] OlderFemaleSingle =
    [
        "红", "英", "华", "萍", "丽", "敏", "静", "燕", "琴", "芳", "霞", "梅", "莉", "蓉", "琼", "珍", "玲", "兰",
        "云", "娟", "洁", "慧", "虹", "萱", "瑛", "瑜",
    ];

    // Given names of that generation were often built from a generation character and a second one; composing
    // them keeps a city-sized register from repeating the same few hundred names.
    private static readonly string[] OlderMaleFirst =
        ["志", "建", "国", "德", "永", "文", "光", "明", "世", "家", "学", "正", "长", "天", "宗", "绍", "开", "兴", "庆", "朝"];

    private static readonly string[] OlderMaleSecond =
        ["华", "明", "强", "林", "平", "军", "荣", "福", "成", "清", "良", "安", "和", "生", "才", "春", "贵", "海", "山", "祥"];

    private static readonly string[] OlderFemaleFirst =
        ["秀", "玉", "淑", "素", "桂", "惠", "碧", "丽", "红", "晓", "凤", "翠", "金", "月", "美", "德", "建", "文", "学", "琼"];

    private static readonly string[] OlderFemaleSecond =
        ["英", "兰", "珍", "芳", "华", "蓉", "琼", "梅", "萍", "琴", "君", "霞", "芬", "云", "娟", "玲", "燕", "敏", "仙", "秋"];

    private static readonly string[] YoungerMaleDouble =
    [
        "俊杰", "浩然", "晓东", "晓峰", "建伟", "海波", "志勇", "小军", "宇航", "思远", "天宇", "博文", "文杰", "家豪",
        "子豪", "明辉", "永强", "国栋", "鹏飞", "翔宇", "昊天", "一鸣", "成林", "晓川",
    ];

    private static readonly string[] YoungerMaleSingle =
    [
        "伟", "磊", "涛", "勇", "浩", "鹏", "俊", "杰", "斌", "强", "亮", "宇", "翔", "昊", "凯", "锐", "超", "波",
    ];

    private static readonly string[] YoungerFemaleDouble =
    [
        "晓燕", "晓丽", "雪梅", "丽娟", "婷婷", "思雨", "欣怡", "静怡", "晓琳", "佳佳", "丹丹", "小雨", "梦瑶", "雨欣",
        "春燕", "海燕", "晓梅", "蓉蓉", "诗琪", "倩倩", "雅婷", "嘉怡", "若琳", "晓蓉",
    ];

    private static readonly string[] YoungerFemaleSingle =
    [
        "静", "婷", "丽", "丹", "莉", "娟", "敏", "燕", "倩", "琳", "雪", "佳", "洁", "颖", "蕾", "蓉", "琴", "艳",
    ];

    public static string Surname(Randomizer random) => Surnames.Pick(random);

    /// <summary>A name for someone born before about 1972: a retiree or a retiree's spouse.</summary>
    public static string Older(Randomizer random, Gender gender, string? surname = null)
    {
        surname ??= Surname(random);
        var male = gender == Gender.Male;
        var roll = random.Double();
        return roll < 0.25 ? surname + random.ArrayElement(male ? OlderMaleSingle : OlderFemaleSingle)
            : roll < 0.55 ? surname + random.ArrayElement(male ? OlderMaleFirst : OlderFemaleFirst) + random.ArrayElement(male ? OlderMaleSecond : OlderFemaleSecond)
            : surname + random.ArrayElement(male ? OlderMaleDouble : OlderFemaleDouble);
    }

    /// <summary>A name for a retiree's child or a serving unit officer.</summary>
    public static string Younger(Randomizer random, Gender gender, string? surname = null)
    {
        surname ??= Surname(random);
        var male = gender == Gender.Male;
        return surname + (random.Double() < 0.6
            ? random.ArrayElement(male ? YoungerMaleDouble : YoungerFemaleDouble)
            : random.ArrayElement(male ? YoungerMaleSingle : YoungerFemaleSingle));
    }
}
