using ExcelDataReader;
using Intranet.Web.Platform.Spreadsheets;

namespace Intranet.Tests.Platform;

public sealed class XlsxWriterTests
{
    [Fact]
    public async Task Text_with_markup_and_control_characters_reads_back_as_written_less_what_xml_cannot_hold()
    {
        using var output = new MemoryStream();
        var count = await XlsxWriter.WriteAsync(output, "测试", [new XlsxColumn("文字", 20), new XlsxColumn("日期", 12), new XlsxColumn("数", 6)], Rows());

        Assert.Equal(2, count);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var reader = ExcelReaderFactory.CreateReader(new MemoryStream(output.ToArray()));
        Assert.True(reader.Read());
        Assert.Equal(["文字", "日期", "数"], Enumerable.Range(0, 3).Select(reader.GetValue));
        Assert.True(reader.Read());
        Assert.Equal("张 & 李 <石室> \"中学\" '一'", reader.GetValue(0));
        Assert.Equal(new DateTime(1936, 2, 29), reader.GetValue(1));
        Assert.Equal(90.0, reader.GetValue(2));
        Assert.True(reader.Read());
        Assert.Equal("第一行\n第二行", reader.GetValue(0));
        Assert.Null(reader.GetValue(1));
        Assert.Equal("甲乙", reader.GetValue(2));
        Assert.False(reader.Read());

        static async IAsyncEnumerable<IReadOnlyList<object?>> Rows()
        {
            await Task.Yield();
            yield return ["张 & 李 <石室> \"中学\" '一'", new DateOnly(1936, 2, 29), 90];
            yield return ["第一行\n第二行", null, "甲\u0001乙\uFFFF"];
        }
    }
}
