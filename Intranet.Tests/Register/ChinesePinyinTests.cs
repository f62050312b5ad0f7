using Intranet.Domain.Register.Pinyin;

namespace Intranet.Tests.Register;

public class ChinesePinyinTests
{
    [Theory]
    [InlineData("王秀英", "wang xiu ying", "wxy")]
    [InlineData("张伟", "zhang wei", "zw")]
    [InlineData("李长江", "li chang jiang", "lcj")]
    [InlineData("吕淑珍", "lv shu zhen", "lsz")]
    [InlineData("欧阳建国", "ou yang jian guo", "oyjg")]
    public void Common_names_read_as_expected(string name, string sortKey, string initials)
    {
        Assert.Equal(sortKey, ChinesePinyin.SortKey(name));
        Assert.Equal(initials, ChinesePinyin.Initials(name));
    }

    [Theory]
    [InlineData("曾国藩", "zeng guo fan")]
    [InlineData("单田芳", "shan tian fang")]
    [InlineData("解缙", "xie jin")]
    [InlineData("仇英", "qiu ying")]
    [InlineData("朴槿惠", "piao jin hui")]
    [InlineData("区志坚", "ou zhi jian")]
    [InlineData("查良镛", "zha liang yong")]
    [InlineData("盖叫天", "ge jiao tian")]
    [InlineData("覃振", "qin zhen")]
    [InlineData("乐嘉", "yue jia")]
    [InlineData("缪继红", "miao ji hong")]
    [InlineData("翟志刚", "zhai zhi gang")]
    [InlineData("祭仲", "zhai zhong")]
    [InlineData("隗静", "wei jing")]
    [InlineData("黑伯龙", "he bo long")]
    [InlineData("种师道", "chong shi dao")]
    [InlineData("秘书华", "bi shu hua")]
    [InlineData("繁钦", "po qin")]
    [InlineData("眭学义", "sui xue yi")]
    [InlineData("宿秀英", "su xiu ying")]
    [InlineData("沈从文", "shen cong wen")]
    [InlineData("柏杨", "bai yang")]
    [InlineData("卜算子", "bu suan zi")]
    [InlineData("召忽", "shao hu")]
    [InlineData("石长生", "shi chang sheng")]
    [InlineData("重长春", "chong chang chun")]
    [InlineData("藏克家", "zang ke jia")]
    [InlineData("阚泽", "kan ze")]
    [InlineData("蕃向", "pi xiang")]
    [InlineData("能士杰", "nai shi jie")]
    [InlineData("尉迟恭", "yu chi gong")]
    [InlineData("长孙无忌", "zhang sun wu ji")]
    [InlineData("万俟卨", "mo qi xie")]
    public void The_first_character_takes_its_surname_reading(string name, string sortKey) =>
        Assert.Equal(sortKey, ChinesePinyin.SortKey(name));

    [Fact]
    public void Only_the_surname_takes_the_surname_reading()
    {
        Assert.Equal("zeng ceng", ChinesePinyin.SortKey("曾曾"));
        Assert.Equal("li chang", ChinesePinyin.SortKey("李长"));
        Assert.Equal("chang sun", ChinesePinyin.SortKey("长孙"));
        Assert.Equal("zgf", ChinesePinyin.Initials("曾国藩"));
        Assert.Equal("stf", ChinesePinyin.Initials("单田芳"));
    }

    [Fact]
    public void Sorting_by_the_key_sorts_by_pinyin()
    {
        string[] names = ["赵丽华", "张伟", "曾国藩", "艾青", "陈玉兰", "白云", "阿依古丽", "王秀英", "万里", "Zhang San"];

        var sorted = names.OrderBy(ChinesePinyin.SortKey, StringComparer.Ordinal).ToArray();

        // wan before wang: syllable by syllable. 曾 as a surname is zeng, so it comes among the z's, not the c's.
        Assert.Equal(["阿依古丽", "艾青", "白云", "陈玉兰", "万里", "王秀英", "曾国藩", "Zhang San", "张伟", "赵丽华"], sorted);
    }

    [Fact]
    public void Other_text_is_kept_in_lower_case()
    {
        Assert.Equal(string.Empty, ChinesePinyin.SortKey(string.Empty));
        Assert.Equal(string.Empty, ChinesePinyin.Initials("   "));
        Assert.Equal("anna smith", ChinesePinyin.SortKey("  Anna  Smith "));
        Assert.Equal("as", ChinesePinyin.Initials("Anna Smith"));
        Assert.Equal("annasmith", ChinesePinyin.Compact("Anna Smith"));
        Assert.Equal("tui xiu jiao gong 001", ChinesePinyin.SortKey("退休教工001"));
        Assert.Equal("mai mai ti · ai li", ChinesePinyin.SortKey("买买提·艾力"));
        Assert.Equal("mmtal", ChinesePinyin.Initials("买买提·艾力"));
        Assert.Equal("maimaitiaili", ChinesePinyin.Compact("买买提·艾力"));
        Assert.Equal("wang a", ChinesePinyin.SortKey("王A"));
        Assert.Throws<ArgumentNullException>(() => ChinesePinyin.SortKey(null!));
    }

    [Fact]
    public void Characters_the_table_lacks_stay_as_they_are()
    {
        // 䶮 (U+4DAE) lies outside the basic block; 𠀀 (U+20000) outside the basic plane.
        Assert.Equal("liu 䶮", ChinesePinyin.SortKey("刘䶮"));
        Assert.Equal("l䶮", ChinesePinyin.Initials("刘䶮"));
        Assert.Equal("wang 𠀀", ChinesePinyin.SortKey("王𠀀"));
        Assert.Equal("w𠀀", ChinesePinyin.Initials("王𠀀"));
    }

    [Fact]
    public void Search_terms_read_as_initials_full_pinyin_or_both()
    {
        var wangxy = ChinesePinyin.SearchPrefixes("WangXY");

        Assert.Contains(new PinyinPrefix(string.Empty, "wangxy"), wangxy);
        Assert.Contains(new PinyinPrefix("wangxy", string.Empty), wangxy);
        Assert.Contains(new PinyinPrefix("wang", "wxy"), wangxy);
        Assert.Equal(new PinyinPrefix("wang", "wxy"), wangxy[2]); // the longest reading of the start comes first
        Assert.Contains(new PinyinPrefix("liu", "lyh"), ChinesePinyin.SearchPrefixes("liu yh"));

        // Pinyin all along, perhaps cut short: the full-pinyin prefix covers it.
        Assert.Equal([new(string.Empty, "wangxiuy"), new("wangxiuy", string.Empty)], ChinesePinyin.SearchPrefixes("wang xiu y"));
        Assert.Equal([new(string.Empty, "zgf"), new("zgf", string.Empty)], ChinesePinyin.SearchPrefixes("zgf"));
        Assert.Contains(new PinyinPrefix("lv", "lsz"), ChinesePinyin.SearchPrefixes("lüsz"));
        Assert.Empty(ChinesePinyin.SearchPrefixes("王"));
        Assert.Empty(ChinesePinyin.SearchPrefixes("wang1"));
        Assert.Empty(ChinesePinyin.SearchPrefixes(" "));
        Assert.True(ChinesePinyin.SearchPrefixes("xianxianxianxianxian").Count <= 10);
    }

    [Fact]
    public void The_table_covers_the_common_characters()
    {
        // 一 … 龥 holds 20,992 code points; pinyin-pro reads nearly all of them.
        var known = Enumerable.Range(0x4E00, 0x9FA6 - 0x4E00).Count(c => ChinesePinyin.SortKey(((char)c).ToString()) != ((char)c).ToString());
        Assert.True(known > 20_000, $"only {known} characters have a reading");
    }
}
