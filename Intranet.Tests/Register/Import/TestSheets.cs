using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Intranet.Tests.Register.Import;

/// <summary>
/// Files as offices make them, built in the test: .xlsx through OpenXml (text cells, number cells and real date cells),
/// CSV in UTF-8 with or without a BOM and in GBK. The .xls is a committed fixture (see Fixtures/README.md).
/// </summary>
internal static class TestSheets
{
    static TestSheets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A workbook of one sheet: strings as text, doubles as numbers, DateTime as a date-formatted number.</summary>
    public static byte[] Xlsx(IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();

            // Style 1 is Excel's built-in short date (number format 14): how a typed date is stored.
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellStyleFormats(new CellFormat()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var number = 0;
            foreach (var cells in rows)
            {
                number++;
                var row = new Row { RowIndex = (uint)number };
                for (var i = 0; i < cells.Length; i++)
                {
                    var reference = Column(i) + number.ToString(CultureInfo.InvariantCulture);
                    switch (cells[i])
                    {
                        case null:
                            break;
                        case double d:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture)), DataType = CellValues.Number });
                            break;
                        case DateTime t:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(t.ToOADate().ToString(CultureInfo.InvariantCulture)), StyleIndex = 1 });
                            break;
                        default:
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Convert.ToString(cells[i], CultureInfo.InvariantCulture)!) { Space = SpaceProcessingModeValues.Preserve }) });
                            break;
                    }
                }

                data.Append(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "花名册" }));
        }

        return stream.ToArray();
    }

    public static byte[] Csv(IEnumerable<object?[]> rows, Encoding encoding, bool bom = false)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }

        var bytes = encoding.GetBytes(text.ToString());
        return bom ? [.. encoding.GetPreamble(), .. bytes] : bytes;

        static string Quote(object? cell)
        {
            var value = cell switch
            {
                null => string.Empty,
                DateTime t => t.ToString("yyyy/M/d", CultureInfo.InvariantCulture),
                double d => d.ToString(CultureInfo.InvariantCulture),
                _ => Convert.ToString(cell, CultureInfo.InvariantCulture)!,
            };
            return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
        }
    }

    public static Encoding Gbk => Encoding.GetEncoding("GBK");

    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Register", "Import", "Fixtures", name));

    private static string Column(int index)
    {
        var name = string.Empty;
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }
}
