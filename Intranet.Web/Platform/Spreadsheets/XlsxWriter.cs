using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Intranet.Web.Platform.Spreadsheets;

/// <summary>A column of a sheet: its heading and its width in Excel's units (a Chinese character is about two).</summary>
public sealed record XlsxColumn(string Header, double Width);

/// <summary>
/// Writes one sheet as .xlsx straight into a stream that need not seek (an HTTP response), row by row, with constant
/// memory: the package is a zip written entry by entry, the sheet XML streamed as it is written, and what is
/// written drained to the output asynchronously every few hundred rows. The sheet is a file a person opens and reads
/// without fixing: a bold, shaded, frozen header with a filter, column widths, dates as dates, numbers as numbers.
/// The SpreadsheetML namespace is the default one (no <c>x:</c> prefix, which some readers cannot open).
/// </summary>
public static class XlsxWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const int RowsPerDrain = 500;

    // Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
    private static readonly DateOnly Epoch = new(1899, 12, 30);

    /// <param name="rows">Each row's cells; a row may reuse the array of the one before, as it is written before the next is asked for.</param>
    /// <returns>How many rows were written, the header not counted.</returns>
    public static async Task<int> WriteAsync(
        Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns, IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);

        var buffer = new DrainingStream(output);
        var count = 0;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", ContentTypes);
            Part(zip, "_rels/.rels", PackageRelationships);
            Part(zip, "xl/workbook.xml", Workbook(sheetName));
            Part(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships);
            Part(zip, "xl/styles.xml", Styles);

            await using (var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open())
            await using (var xml = new StreamWriter(sheet, new UTF8Encoding(false), 1 << 16))
            {
                var letters = Enumerable.Range(0, columns.Count).Select(ColumnName).ToArray();
                WriteSheetStart(xml, columns);
                WriteRow(xml, letters, 1, [.. columns.Select(c => (object?)c.Header)], header: true);
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    count++;
                    WriteRow(xml, letters, count + 1, row, header: false);
                    if (count % RowsPerDrain == 0)
                    {
                        xml.Flush();
                        await buffer.DrainAsync(cancellationToken);
                    }
                }

                xml.Write($"</sheetData><autoFilter ref=\"A1:{letters[^1]}{count + 1}\"/></worksheet>");
            }
        }

        await buffer.DrainAsync(cancellationToken);
        return count;
    }

    /// <summary>The column letters of a 0-based index: A … Z, AA ….</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    // Written by hand rather than through XmlWriter: a sheet is a few fixed elements repeated 100,000 times, and the
    // general writer's namespace and state bookkeeping cost more than the rest of the export together.
    private static void WriteSheetStart(StreamWriter xml, IReadOnlyList<XlsxColumn> columns)
    {
        // The header row stays in view while scrolling.
        xml.Write($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Main}" xmlns:r="{Relationships}">""");
        xml.Write("""<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>""");
        for (var i = 0; i < columns.Count; i++)
        {
            xml.Write(string.Create(CultureInfo.InvariantCulture, $"""<col min="{i + 1}" max="{i + 1}" width="{columns[i].Width}" customWidth="1"/>"""));
        }

        xml.Write("</cols><sheetData>");
    }

    private static void WriteRow(StreamWriter xml, string[] letters, int number, IReadOnlyList<object?> values, bool header)
    {
        Span<char> digits = stackalloc char[11];
        number.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        var rowNumber = digits[..length];
        xml.Write("<row r=\"");
        xml.Write(rowNumber);
        xml.Write("\">");
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value || value is string { Length: 0 })
            {
                continue;
            }

            xml.Write("<c r=\"");
            xml.Write(letters[i]);
            xml.Write(rowNumber);
            switch (value)
            {
                case DateOnly date:
                    xml.Write("\" s=\"2\"><v>");
                    xml.Write(date.DayNumber - Epoch.DayNumber);
                    xml.Write("</v></c>");
                    break;
                case int or long or double or decimal:
                    xml.Write("\"><v>");
                    xml.Write(Convert.ToString(value, CultureInfo.InvariantCulture));
                    xml.Write("</v></c>");
                    break;
                default:
                    xml.Write(header ? "\" t=\"inlineStr\" s=\"1\"><is><t>" : "\" t=\"inlineStr\"><is><t>");
                    WriteEscaped(xml, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    xml.Write("</t></is></c>");
                    break;
            }
        }

        xml.Write("</row>");
    }

    /// <summary>Text as XML character data: markup escaped, characters XML cannot hold (control codes) left out.</summary>
    private static void WriteEscaped(StreamWriter xml, string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                < ' ' when c is not ('\t' or '\n' or '\r') => string.Empty,
                '\uFFFE' or '\uFFFF' => string.Empty,
                _ => null,
            };
            if (replacement is null)
            {
                continue;
            }

            xml.Write(text.AsSpan(start, i - start));
            xml.Write(replacement);
            start = i + 1;
        }

        xml.Write(text.AsSpan(start));
    }

    private static void Part(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }

    private static string Workbook(string sheetName) =>
        $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="{System.Security.SecurityElement.Escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1"/></definedNames></workbook>""";

    private const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""";

    private const string PackageRelationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

    private const string WorkbookRelationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""";

    // Style 0: plain; 1: the header (bold on a light fill); 2: a date as yyyy-mm-dd.
    private const string Styles =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDE4F0"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""";

    /// <summary>
    /// Collects what the zip writes (synchronously, as ZipArchive does) and hands it on asynchronously when drained,
    /// so nothing blocks a request thread and no more than a few hundred rows are ever held.
    /// </summary>
    private sealed class DrainingStream(Stream inner) : Stream
    {
        private readonly MemoryStream _pending = new();
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _written;
            set => throw new NotSupportedException();
        }

        public async Task DrainAsync(CancellationToken cancellationToken)
        {
            if (_pending.Length == 0)
            {
                return;
            }

            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            await inner.FlushAsync(cancellationToken);
            _pending.SetLength(0);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _pending.Write(buffer, offset, count);
            _written += count;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _pending.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
