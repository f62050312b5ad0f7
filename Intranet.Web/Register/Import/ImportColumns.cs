using System.Text;

namespace Intranet.Web.Register.Import;

/// <summary>A register field a sheet's column can fill.</summary>
public enum ImportField
{
    Name = 1,
    IdNumber,
    Gender,
    BirthDate,
    BirthdayIsLunar,
    Phone,
    Address,
    Subdistrict,
    Community,
    Unit,
    Group,
    RetirementDate,
    FormerPost,
    Title,
    PartyBranch,
    AssociationMember,
    SpouseName,
    MarriageDate,
    SpouseIsDeceased,
    EmergencyContactName,
    EmergencyContactPhone,
    EmergencyContactRelation,
    HealthStatus,
    LivingSituation,
    HealthNotes,
    CareCategories,
    Deceased,
    DeathDate,
    Notes,

    /// <summary>A column kept for the office's own use (序号, 年龄): recognised, read by nobody.</summary>
    Ignored,
}

/// <summary>
/// Which column is which: headers are matched by name in any order, in the forms offices write them (姓名 or 名字,
/// 身份证号码 or 公民身份号码, 联系电话 or 手机…), with notes in brackets, asterisks and spaces ignored.
/// </summary>
public static class ImportColumns
{
    /// <summary>Each field's name in the template, then the other names sheets give it.</summary>
    public static IReadOnlyList<(ImportField Field, string Header, string[] Aliases)> All { get; } =
    [
        (ImportField.Name, "姓名", ["名字", "退休人员姓名", "教工姓名", "退休教师姓名"]),
        (ImportField.IdNumber, "身份证号码", ["身份证号", "身份证", "公民身份号码", "身份证件号码", "证件号码", "居民身份证号码", "身份号码"]),
        (ImportField.Gender, "性别", []),
        (ImportField.BirthDate, "出生日期", ["出生年月", "生日", "出生年月日", "出生时间"]),
        (ImportField.BirthdayIsLunar, "按农历过生日", ["农历生日", "过农历生日"]),
        (ImportField.Phone, "联系电话", ["手机", "电话", "手机号", "手机号码", "电话号码", "联系方式", "本人电话"]),
        (ImportField.Address, "住址", ["地址", "家庭住址", "现住址", "居住地址", "家庭地址", "通讯地址"]),
        (ImportField.Subdistrict, "街道", ["所在街道", "街道办"]),
        (ImportField.Community, "社区", ["居委会", "所在社区", "社区居委会"]),
        (ImportField.Unit, "所在单位", ["单位", "原单位", "工作单位", "原工作单位", "退休单位", "单位名称", "学校"]),
        (ImportField.Group, "退休小组", ["小组", "所在小组", "组别", "网络小组"]),
        (ImportField.RetirementDate, "退休日期", ["退休时间", "退休年月"]),
        (ImportField.FormerPost, "原职务", ["职务", "退休前职务"]),
        (ImportField.Title, "职称", ["专业技术职称", "技术职称"]),
        (ImportField.PartyBranch, "退休支部", ["支部", "党支部", "所在支部"]),
        (ImportField.AssociationMember, "退教协会员", ["是否退教协会员", "会员", "协会会员"]),
        (ImportField.SpouseName, "配偶姓名", ["配偶", "爱人", "爱人姓名"]),
        (ImportField.MarriageDate, "结婚日期", ["结婚时间", "结婚年月"]),
        (ImportField.SpouseIsDeceased, "配偶已故", ["配偶是否已故", "丧偶"]),
        (ImportField.EmergencyContactName, "紧急联系人", ["紧急联系人姓名", "联系人"]),
        (ImportField.EmergencyContactPhone, "紧急联系人电话", ["紧急联系电话", "联系人电话", "紧急联系人手机"]),
        (ImportField.EmergencyContactRelation, "与本人关系", ["紧急联系人关系", "关系", "与联系人关系"]),
        (ImportField.HealthStatus, "健康状况", ["身体状况", "健康情况"]),
        (ImportField.LivingSituation, "居住情况", ["居住状况", "居住方式"]),
        (ImportField.HealthNotes, "健康说明", ["病史", "健康备注"]),
        (ImportField.CareCategories, "关爱类别", ["关爱对象类别", "类别", "关爱对象"]),
        (ImportField.Deceased, "状态", ["是否已故", "已故", "在世状态", "健在/已故"]),
        (ImportField.DeathDate, "去世日期", ["去世时间", "死亡日期", "逝世日期"]),
        (ImportField.Notes, "备注", ["说明", "其他"]),
        (ImportField.Ignored, "序号", ["编号", "年龄", "年纪", "No", "行号"]),
    ];

    private static readonly Dictionary<string, ImportField> ByKey = All
        .SelectMany(c => c.Aliases.Prepend(c.Header).Select(a => (Key: Key(a), c.Field)))
        .ToDictionary(a => a.Key, a => a.Field);

    public static string HeaderOf(ImportField field) => All.First(c => c.Field == field).Header;

    /// <summary>The field a header names, or <c>null</c> for a column this register does not keep.</summary>
    public static ImportField? Match(string? header) =>
        header is null ? null : ByKey.TryGetValue(Key(header), out var field) ? field : null;

    /// <summary>A header as compared: no spaces, asterisks, colons or notes in brackets (身份证号码（18位）*).</summary>
    public static string Key(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var text = ImportValues.HalfWidth(header);
        var builder = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            switch (c)
            {
                case '(' or '（' or '[' or '【':
                    depth++;
                    continue;
                case ')' or '）' or ']' or '】':
                    depth = Math.Max(0, depth - 1);
                    continue;
            }

            if (depth > 0 || char.IsWhiteSpace(c) || c is '*' or ':' or '：' or '※' or '\n' or '\r')
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
