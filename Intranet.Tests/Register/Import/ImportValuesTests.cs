using System.Text;
using Intranet.Web.Register.Import;

namespace Intranet.Tests.Register.Import;

public sealed class ImportValuesTests
{
    [Theory]
    [InlineData("1950.3.2", "1950-03-02", ImportValues.DatePrecision.Day)]
    [InlineData("1950/03/02", "1950-03-02", ImportValues.DatePrecision.Day)]
    [InlineData("1950-03-02", "1950-03-02", ImportValues.DatePrecision.Day)]
    [InlineData("1950年3月2日", "1950-03-02", ImportValues.DatePrecision.Day)]
    [InlineData("1950年03月02号", "1950-03-02", ImportValues.DatePrecision.Day)]
    [InlineData("19500302", "1950-03-02", ImportValues.DatePrecision.Day)]
    [InlineData("１９５０．３．２", "1950-03-02", ImportValues.DatePrecision.Day)]
    [InlineData(" 1950 - 3 - 2 ", "1950-03-02", ImportValues.DatePrecision.Day)]
    [InlineData("1950-03-02 00:00:00", "1950-03-02", ImportValues.DatePrecision.Day)]
    [InlineData("1950-3", "1950-03-01", ImportValues.DatePrecision.Month)]
    [InlineData("1950.03", "1950-03-01", ImportValues.DatePrecision.Month)]
    [InlineData("1950年3月", "1950-03-01", ImportValues.DatePrecision.Month)]
    [InlineData("195003", "1950-03-01", ImportValues.DatePrecision.Month)]
    [InlineData("18324", "1950-03-02", ImportValues.DatePrecision.Day)]
    public void Dates_in_every_form_an_office_sheet_has_are_read(string text, string expected, ImportValues.DatePrecision precision)
    {
        Assert.True(ImportValues.TryDate(text, out var date, out var read, out var error), error);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
        Assert.Equal(precision, read);
    }

    [Fact]
    public void Real_date_cells_excel_serials_and_numbers_typed_as_dates_are_read()
    {
        Assert.True(ImportValues.TryDate(new DateTime(1950, 3, 2), out var cell, out _, out _));
        Assert.Equal(new DateOnly(1950, 3, 2), cell);
        Assert.True(ImportValues.TryDate(18324.0, out var serial, out _, out _));
        Assert.Equal(new DateOnly(1950, 3, 2), serial);
        Assert.True(ImportValues.TryDate(19500302.0, out var digits, out _, out _));
        Assert.Equal(new DateOnly(1950, 3, 2), digits);
        Assert.True(ImportValues.TryDate(1950.3, out var month, out var precision, out _));
        Assert.Equal((new DateOnly(1950, 3, 1), ImportValues.DatePrecision.Month), (month, precision));
        Assert.True(ImportValues.TryDate(1950.12, out var december, out _, out _));
        Assert.Equal(new DateOnly(1950, 12, 1), december);
    }

    [Theory]
    [InlineData(1950.1, "可能是 1 月也可能是 10 月")]
    [InlineData("1950.13.2", "不是有效的日期")]
    [InlineData("1950-2-30", "不是有效的日期")]
    [InlineData("50.3.2", "年份须为四位")]
    [InlineData("不详", "无法识别的日期")]
    [InlineData("1850-01-01", "年份不合理")]
    public void A_date_that_cannot_be_read_for_certain_is_refused_with_the_reason(object cell, string reason)
    {
        Assert.False(ImportValues.TryDate(cell, out _, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("510105195003020243", "510105195003020243")]
    [InlineData("５１０１０５１９５００３０２０２４３", "510105195003020243")]
    [InlineData(" 510105 1950 0302 0243 ", "510105195003020243")]
    [InlineData("510105\u30001950\u300003020243", "510105195003020243")]
    [InlineData("51010519520607046x", "51010519520607046X")]
    [InlineData("５１０１０５１９５２０６０７０４６ｘ", "51010519520607046X")]
    [InlineData("510105510405013", "510105195104050134")]
    [InlineData("510105-19500302-0243", "510105195003020243")]
    public void Id_numbers_are_normalised_and_the_old_15_digit_form_is_upgraded(string cell, string expected)
    {
        Assert.True(ImportValues.TryIdNumber(cell, out var id, out var error), error);
        Assert.Equal(expected, id.Value);
    }

    [Fact]
    public void An_id_number_excel_turned_into_a_number_is_refused_and_a_15_digit_number_cell_is_read()
    {
        Assert.False(ImportValues.TryIdNumber(510105195003020243.0, out _, out var error));
        Assert.Contains("存成了数字", error, StringComparison.Ordinal);
        Assert.True(ImportValues.TryIdNumber(510105510405013.0, out var id, out _));
        Assert.Equal("510105195104050134", id.Value);
    }

    [Theory]
    [InlineData("138-0013-8000", "13800138000")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("１３８００１３８０００", "13800138000")]
    [InlineData("+86 138 0013 8000", "13800138000")]
    [InlineData("028-8765 4321", "028-87654321")]
    [InlineData("028 87654321", "028-87654321")]
    [InlineData("(0838)2345678", "0838-2345678")]
    [InlineData("02887654321", "028-87654321")]
    [InlineData("87654321", "87654321")]
    public void Phones_with_dashes_spaces_and_full_width_digits_are_kept_in_one_form(string cell, string expected)
    {
        Assert.True(ImportValues.TryPhone(cell, out var phone, out var error), error);
        Assert.Equal(expected, phone);
    }

    [Theory]
    [InlineData("1380013800", "位数不对")]
    [InlineData("13800138000/13900139000", "数字以外的字符")]
    [InlineData("无", "数字以外的字符")]
    public void A_phone_that_is_not_one_number_is_refused_without_repeating_it(string cell, string reason)
    {
        Assert.False(ImportValues.TryPhone(cell, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain("138", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("王　秀英", "王秀英")]
    [InlineData(" 王 英 ", "王英")]
    [InlineData("王\u200B英", "王英")]
    [InlineData("Ayixiamu  Tuerxun", "Ayixiamu Tuerxun")]
    public void Names_lose_the_spaces_typed_to_line_them_up(string cell, string expected) =>
        Assert.Equal(expected, ImportValues.Name(cell));

    [Theory]
    [InlineData("姓名", ImportField.Name)]
    [InlineData("名字", ImportField.Name)]
    [InlineData("姓　名", ImportField.Name)]
    [InlineData("*姓名", ImportField.Name)]
    [InlineData("身份证号", ImportField.IdNumber)]
    [InlineData("身份证号码", ImportField.IdNumber)]
    [InlineData("公民身份号码", ImportField.IdNumber)]
    [InlineData("身份证号码（18位）", ImportField.IdNumber)]
    [InlineData("出生日期", ImportField.BirthDate)]
    [InlineData("出生年月", ImportField.BirthDate)]
    [InlineData("生日", ImportField.BirthDate)]
    [InlineData("联系电话", ImportField.Phone)]
    [InlineData("手机", ImportField.Phone)]
    [InlineData("电话", ImportField.Phone)]
    [InlineData("所在单位", ImportField.Unit)]
    [InlineData("单位", ImportField.Unit)]
    [InlineData("小组", ImportField.Group)]
    [InlineData("性别", ImportField.Gender)]
    [InlineData("退休日期", ImportField.RetirementDate)]
    [InlineData("地址", ImportField.Address)]
    [InlineData("家庭住址", ImportField.Address)]
    [InlineData("居委会", ImportField.Community)]
    [InlineData("紧急联系人电话", ImportField.EmergencyContactPhone)]
    [InlineData("去世时间", ImportField.DeathDate)]
    [InlineData("序号", ImportField.Ignored)]
    public void Headers_are_matched_in_the_forms_offices_write_them(string header, ImportField field) =>
        Assert.Equal(field, ImportColumns.Match(header));

    [Fact]
    public void Every_field_the_register_keeps_has_a_column_and_no_two_columns_share_a_name()
    {
        var fields = Enum.GetValues<ImportField>();
        Assert.All(fields, f => Assert.Contains(ImportColumns.All, c => c.Field == f));
        var names = ImportColumns.All.SelectMany(c => c.Aliases.Prepend(c.Header)).Select(ImportColumns.Key).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Csv_bytes_are_utf8_when_valid_and_gbk_otherwise()
    {
        const string text = "姓名,身份证号码\r\n王秀英,510105195003020243";
        Assert.Equal(text, Intranet.Web.Register.Import.SheetReader.Decode(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(text, Intranet.Web.Register.Import.SheetReader.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]));
        Assert.Equal(text, Intranet.Web.Register.Import.SheetReader.Decode(TestSheets.Gbk.GetBytes(text)));
        Assert.Equal(text, Intranet.Web.Register.Import.SheetReader.Decode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)]));
    }
}
