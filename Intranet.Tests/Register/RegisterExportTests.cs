using System.IO.Compression;
using System.Net;
using ExcelDataReader;
using Intranet.Domain.Accounts;
using Intranet.Domain.Audit;
using Intranet.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Intranet.Tests.Register;

/// <summary>The register as a file a person opens and reads, streamed from the query to the response.</summary>
public sealed class RegisterExportTests : IAsyncLifetime
{
    private TestAccount _staff = default!;
    private Domain.Register.Unit _unit = default!;

    private IntranetAppFactory App { get; } = new();

    public async Task InitializeAsync()
    {
        _staff = await App.CreateAccountAsync(UserRole.DistrictStaff);
        using var db = App.Database.CreateContext();
        var make = new RegisterBuilder(db);
        _unit = make.Unit("石室中学");
        make.Retirees(_unit, 1_200);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task Streams_every_row_into_a_sheet_a_second_reader_opens_with_real_dates_and_a_frozen_styled_header()
    {
        using var client = await App.SignedInClientAsync(_staff);

        using var response = await client.GetAsync(new Uri($"/register/export?unit={_unit.Id}", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = response.Content.Headers.ContentDisposition!.FileNameStar!;
        Assert.Matches("^退休教工名册-石室中学-[0-9]{8}\\.xlsx$", name);

        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using (var reader = ExcelReaderFactory.CreateReader(new MemoryStream(bytes)))
        {
            Assert.True(reader.Read());
            Assert.Equal("姓名", reader.GetValue(0));
            Assert.Equal("出生日期", reader.GetValue(2));
            Assert.True(reader.Read());
            Assert.IsType<DateTime>(reader.GetValue(2));
            Assert.IsType<double>(reader.GetValue(3));
            var rows = 2;
            while (reader.Read())
            {
                rows++;
            }

            Assert.Equal(1_201, rows);
        }

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();
        Assert.DoesNotContain("<x:", sheet, StringComparison.Ordinal);
        Assert.Contains("state=\"frozen\"", sheet, StringComparison.Ordinal);
        Assert.Contains("customWidth=\"1\"", sheet, StringComparison.Ordinal);
        Assert.Contains("<autoFilter ref=\"A1:", sheet, StringComparison.Ordinal);

        using var db = App.Database.CreateContext();
        var line = await db.AuditEntries.Where(a => a.Action == AuditAction.Export && a.UserName == _staff.UserName).OrderByDescending(a => a.Id).FirstAsync();
        Assert.StartsWith("导出退休教工名册 1200 条；", line.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_file_name_says_when_the_numbers_are_in_full()
    {
        using var client = await App.SignedInClientAsync(_staff);

        using var response = await client.GetAsync(new Uri($"/register/export?unit={_unit.Id}&status=All&full=1", UriKind.Relative));

        var name = response.Content.Headers.ContentDisposition!.FileNameStar!;
        Assert.StartsWith("退休教工名册-石室中学-全部人员-", name, StringComparison.Ordinal);
        Assert.EndsWith("-含完整号码.xlsx", name, StringComparison.Ordinal);
    }
}
