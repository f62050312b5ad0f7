using System.IO.Compression;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Intranet.Web.Register.Import;

/// <summary>A file that cannot be imported at all, with the reason for the office in Chinese.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>The cells of a sheet's non-blank rows as read, with each row's number as Excel shows it.</summary>
public sealed record RawSheet(IReadOnlyList<RawRow> Rows);

/// <summary>One row: its number in the sheet (1-based) and its cells (string, double, DateTime or bool).</summary>
public sealed record RawRow(int Number, object?[] Cells);

/// <summary>
/// Reads .xlsx, .xls and .csv by what the file is, not what it is called: a zip is checked against bombs before a
/// byte is parsed, a password-protected workbook is recognised, and a CSV is read as UTF-8 when it is valid UTF-8
/// and as GBK (GB18030, which contains it) otherwise, as Chinese Excel saves it.
/// </summary>
public static class SheetReader
{
    public static readonly string[] Extensions = [".xlsx", ".xls", ".csv"];

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Compound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    // An encrypted .xlsx is a compound file holding these streams instead of the workbook.
    private static readonly byte[] EncryptedPackage = Encoding.Unicode.GetBytes("EncryptedPackage");

    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gbk => Encoding.GetEncoding("GB18030");

    public static RawSheet Read(ReadOnlyMemory<byte> content, string fileName, RegisterImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            throw new ImportFileException($"只能导入 Excel 表格（.xlsx、.xls）或 CSV 文件，“{Path.GetFileName(fileName)}”不是。");
        }

        if (content.Length == 0)
        {
            throw new ImportFileException("文件是空的（0 字节），请检查是否选错了文件。");
        }

        var bytes = content.Span;
        RawSheet sheet;
        if (bytes.StartsWith(Zip))
        {
            CheckZip(content, options);
            sheet = ReadWorkbook(content, options, openXml: true);
        }
        else if (bytes.StartsWith(Compound))
        {
            if (bytes.IndexOf(EncryptedPackage) >= 0)
            {
                throw Protected();
            }

            sheet = ReadWorkbook(content, options, openXml: false);
        }
        else if (extension == ".csv")
        {
            sheet = ReadCsv(content.Span, options);
        }
        else
        {
            throw NotASpreadsheet();
        }

        if (sheet.Rows.Count == 0)
        {
            throw new ImportFileException("表格中没有任何内容，请检查是否选错了文件或工作表。");
        }

        return sheet;
    }

    /// <summary>Text decoded as UTF-8 if it is valid UTF-8 (with or without a BOM), as UTF-16 with its BOM, else as GBK.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Gbk.GetString(bytes);
        }
    }

    private static void CheckZip(ReadOnlyMemory<byte> content, RegisterImportOptions options)
    {
        // What the entries declare is checked first, then what they really inflate to, counted as it is inflated and
        // stopped at the limit: a bomb's headers can lie, its inflated bytes cannot.
        try
        {
            using var zip = new ZipArchive(new ReadOnlyMemoryStream(content), ZipArchiveMode.Read);
            if (zip.Entries.Count > options.MaxZipEntries)
            {
                throw Bomb();
            }

            if (!zip.Entries.Any(e => e.FullName.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase)))
            {
                throw NotASpreadsheet();
            }

            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > options.MaxUnzippedBytes || (total += entry.Length) > options.MaxUnzippedBytes)
                {
                    throw Bomb();
                }
            }

            total = 0;
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    if ((total += read) > options.MaxUnzippedBytes)
                    {
                        throw Bomb();
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            throw NotASpreadsheet();
        }

        static ImportFileException Bomb() => new("这个文件解压后异常巨大（或包含过多部件），不像正常的 Excel 表格，为安全起见不予读取。请用 Excel 打开后另存为新的 .xlsx 再导入。");
    }

    private static RawSheet ReadWorkbook(ReadOnlyMemory<byte> content, RegisterImportOptions options, bool openXml)
    {
        var configuration = new ExcelReaderConfiguration { FallbackEncoding = Gbk };
        try
        {
            using var stream = new ReadOnlyMemoryStream(content);
            using var reader = openXml ? ExcelReaderFactory.CreateOpenXmlReader(stream, configuration) : ExcelReaderFactory.CreateBinaryReader(stream, configuration);

            // The first sheet with anything in it: workbooks often start with an empty or an instructions sheet.
            do
            {
                var rows = new List<RawRow>();
                var number = 0;
                while (reader.Read())
                {
                    number++;
                    var cells = new object?[reader.FieldCount];
                    var blank = true;
                    for (var i = 0; i < cells.Length; i++)
                    {
                        var value = reader.GetValue(i);
                        cells[i] = value is string s && string.IsNullOrWhiteSpace(s) ? null : value;
                        blank &= cells[i] is null;
                    }

                    if (!blank)
                    {
                        rows.Add(new RawRow(number, cells));
                        CheckRowCount(rows.Count, options);
                    }
                }

                if (rows.Count > 0)
                {
                    return new RawSheet(rows);
                }
            }
            while (reader.NextResult());

            return new RawSheet([]);
        }
        catch (InvalidPasswordException)
        {
            throw Protected();
        }
        catch (Exception ex) when (ex is ExcelReaderException or InvalidDataException or EndOfStreamException or NotSupportedException
            or ArgumentOutOfRangeException or IndexOutOfRangeException or System.Xml.XmlException or FormatException or InvalidOperationException)
        {
            throw new ImportFileException("无法读取这个 Excel 文件，它可能已损坏或不是 Excel 表格。请用 Excel 打开后另存为 .xlsx 再导入。");
        }
    }

    private static RawSheet ReadCsv(ReadOnlySpan<byte> bytes, RegisterImportOptions options)
    {
        var text = Decode(bytes);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw NotASpreadsheet();
        }

        var delimiter = Delimiter(text);
        var rows = new List<RawRow>();
        var cells = new List<object?>();
        var field = new StringBuilder();
        var quoted = false;
        var number = 1;
        var rowStart = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        number++;
                    }

                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                EndField();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRow();
                number++;
                rowStart = number;
            }
            else
            {
                field.Append(c);
            }
        }

        EndRow();
        return new RawSheet(rows);

        void EndField()
        {
            cells.Add(field.Length == 0 || string.IsNullOrWhiteSpace(field.ToString()) ? null : field.ToString());
            field.Clear();
        }

        void EndRow()
        {
            EndField();
            if (cells.Any(c => c is not null))
            {
                rows.Add(new RawRow(rowStart, [.. cells]));
                CheckRowCount(rows.Count, options);
            }

            cells.Clear();
        }
    }

    private static char Delimiter(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLines = text.AsSpan(0, Math.Min(text.Length, end < 0 ? text.Length : Math.Max(end, Math.Min(text.Length, 4096))));
        var best = ',';
        var bestCount = firstLines.Count(',');
        foreach (var candidate in new[] { '\t', ';' })
        {
            var count = firstLines.Count(candidate);
            if (count > bestCount)
            {
                (best, bestCount) = (candidate, count);
            }
        }

        return best;
    }

    private static void CheckRowCount(int rows, RegisterImportOptions options)
    {
        // A title and the header come before the data.
        if (rows > options.MaxRows + 20)
        {
            throw new ImportFileException($"表格的数据超过 {options.MaxRows:N0} 行，超出一次导入的上限。请分成几个文件分别导入。");
        }
    }

    private static ImportFileException NotASpreadsheet() =>
        new("这个文件不是 Excel 表格或 CSV 文件，无法导入。请上传 .xlsx、.xls 或 .csv 文件（可先下载导入模板）。");

    private static ImportFileException Protected() =>
        new("这个 Excel 文件设有打开密码，无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿），保存后再导入。");

    /// <summary>A read-only stream over bytes already in memory, without copying them.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => memory.Length;

        public override long Position
        {
            get => _position;
            set => _position = (int)Math.Clamp(value, 0, memory.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, memory.Length - _position);
            memory.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => memory.Length + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
