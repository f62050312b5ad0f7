namespace Intranet.Tests.Register.Import;

/// <summary>
/// A unit's roster as many hands typed it, for the units of <see cref="Accounts.AccessWorld"/> (甲单位石室小学 with
/// 甲一组): a title and a blank row above the header, headers with spaces and notes, a column the register does not
/// keep, full-width digits and spaces, a 15-digit and a lower-case-x ID number, phones with dashes and spaces, dates in
/// six forms, a unit named short; and four rows that must be refused, each for one reason.
/// Fixtures/messy.xls is this sheet as <see cref="Rows"/> with <c>typed: false</c>, converted by LibreOffice.
/// </summary>
internal static class MessySheet
{
    public const string WangId = "510105195003020243";
    public const string LiId = "510105195104050134";
    public const string ZhangId = "51010519520607046X";
    public const string ZhaoId = "51010519530815017X";
    public const string ZhengId = "510105195808080198";

    /// <param name="typed">Numbers and dates as cells of their own type (.xlsx), or everything as text (CSV).</param>
    public static IReadOnlyList<object?[]> Rows(bool typed) =>
    [
        ["石室小学退休教工花名册（2026年11月）"],
        [],
        ["序号", "姓　名", "身份证号码（18位）", "性别", "出生年月", "手机", "所在单位", "小组", "退休时间", "家庭住址", "爱好"],
        [typed ? 1.0 : "1", "王　秀英", "５１０１０５１９５００３０２０２４３", "女", "1950.3.2", "138-0013-8000", "石室小学", "甲一组", "2005/03/01", "少城路１２号", "书法"],
        [typed ? 2.0 : "2", " 李明 ", "510105510405013", "男", "1951年4月5日", "028 8765 4321", " 甲单位石室小学 ", null, typed ? 40638.0 : "40638", "草市街 2 号", null],
        [typed ? 3.0 : "3", "张华", "510105 19520607 046x", "女", "19520607", "１３９ ００００ ０１１１", "甲单位　石室小学", "甲 一组", "2012.3", null, null],
        [typed ? 4.0 : "4", "赵强", "51010519530815017X", "男", "1953-8", "13700001234", "甲单位石室小学", null, "2013-09-01", null, null],
        [typed ? 5.0 : "5", "郑伟", "510105195808080198", "男", typed ? new DateTime(1958, 8, 8) : "1958/08/08", "13600001234", "甲单位石室小学", null, "2018年8月", null, null],
        [typed ? 6.0 : "6", "钱芳", "510105195401010181", "女", null, null, "甲单位石室小学", null, null, null, null],
        [typed ? 7.0 : "7", "孙丽", "510105195505050645", "女", null, null, "石室中学附属小学", null, null, null, null],
        [typed ? 8.0 : "8", "周杰", "510105195606060359", "男", null, null, "甲单位石室小学", "甲二组", null, null, null],
        [typed ? 9.0 : "9", "吴敏", "510105195707070484", "女", "1957-07-08", null, "甲单位石室小学", null, null, null, null],
    ];
}
