using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Intranet.Web.Platform.Spreadsheets;

/// <summary>A column of a sheet: its heading and its width in Excel's units (a Chinese character is about two).</summary>
public sealed record XlsxColumn(string Header, double Width);

/// <summary>
/// Writes one sheet as .xlsx straight into a stream that need not seek (an HTTP response), row by row, with constant
/// memory: the package is a zip written entry by entry, the sheet XML streamed through an XmlWriter, and what is
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
            using (var xml = XmlWriter.Create(sheet, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
            {
                WriteSheetStart(xml, columns);
                WriteRow(xml, 1, columns.Select(c => (object?)c.Header).ToList(), header: true);
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    count++;
                    WriteRow(xml, count + 1, row, header: false);
                    if (count % RowsPerDrain == 0)
                    {
                        xml.Flush();
                        await buffer.DrainAsync(cancellationToken);
                    }
                }

                xml.WriteEndElement(); // sheetData
                xml.WriteStartElement("autoFilter", Main);
                xml.WriteAttributeString("ref", $"A1:{ColumnName(columns.Count - 1)}{count + 1}");
                xml.WriteEndElement();
                xml.WriteEndElement(); // worksheet
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

    private static void WriteSheetStart(XmlWriter xml, IReadOnlyList<XlsxColumn> columns)
    {
        xml.WriteStartDocument(true);
        xml.WriteStartElement("worksheet", Main);
        xml.WriteAttributeString("xmlns", "r", null, Relationships);

        // Keep the header row in view while scrolling.
        xml.WriteStartElement("sheetViews", Main);
        xml.WriteStartElement("sheetView", Main);
        xml.WriteAttributeString("workbookViewId", "0");
        xml.WriteStartElement("pane", Main);
        xml.WriteAttributeString("ySplit", "1");
        xml.WriteAttributeString("topLeftCell", "A2");
        xml.WriteAttributeString("activePane", "bottomLeft");
        xml.WriteAttributeString("state", "frozen");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteStartElement("cols", Main);
        for (var i = 0; i < columns.Count; i++)
        {
            xml.WriteStartElement("col", Main);
            xml.WriteAttributeString("min", (i + 1).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("max", (i + 1).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("width", columns[i].Width.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("customWidth", "1");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteStartElement("sheetData", Main);
    }

    private static void WriteRow(XmlWriter xml, int number, IReadOnlyList<object?> values, bool header)
    {
        xml.WriteStartElement("row", Main);
        xml.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value || value is string { Length: 0 })
            {
                continue;
            }

            xml.WriteStartElement("c", Main);
            xml.WriteAttributeString("r", ColumnName(i) + number.ToString(CultureInfo.InvariantCulture));
            switch (value)
            {
                case DateOnly date:
                    xml.WriteAttributeString("s", "2");
                    xml.WriteElementString("v", Main, (date.DayNumber - Epoch.DayNumber).ToString(CultureInfo.InvariantCulture));
                    break;
                case int or long or double or decimal:
                    xml.WriteElementString("v", Main, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
                default:
                    xml.WriteAttributeString("t", "inlineStr");
                    if (header)
                    {
                        xml.WriteAttributeString("s", "1");
                    }

                    xml.WriteStartElement("is", Main);
                    xml.WriteStartElement("t", Main);
                    xml.WriteString(Convert.ToString(value, CultureInfo.InvariantCulture));
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                    break;
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
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
