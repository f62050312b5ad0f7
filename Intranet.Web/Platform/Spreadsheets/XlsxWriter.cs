using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Intranet.Web.Platform.Spreadsheets;

/// <summary>
/// Writes one sheet of rows as .xlsx with OpenXmlWriter, which streams rows instead of building the whole
/// document tree, so a register of 100,000 people exports in seconds. Text is stored inline (no shared
/// string table) and every value as text except numbers, which Excel then sums.
/// </summary>
public static class XlsxWriter
{
    public static void Write(Stream output, string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);

        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();

        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());

            // Keep the header row in view while scrolling.
            writer.WriteStartElement(new SheetViews());
            writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
            writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            writer.WriteEndElement();
            writer.WriteEndElement();

            writer.WriteStartElement(new SheetData());
            WriteRow(writer, headers);
            foreach (var row in rows)
            {
                WriteRow(writer, row);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        using (var writer = OpenXmlWriter.Create(workbookPart))
        {
            writer.WriteStartElement(new Workbook());
            writer.WriteStartElement(new Sheets());
            writer.WriteElement(new Sheet { Name = sheetName, SheetId = 1, Id = workbookPart.GetIdOfPart(sheetPart) });
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<object?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    writer.WriteElement(new Cell());
                    break;
                case int or long or decimal or double:
                    writer.WriteElement(new Cell
                    {
                        DataType = CellValues.Number,
                        CellValue = new CellValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!),
                    });
                    break;
                default:
                    writer.WriteElement(new Cell(new InlineString(new Text(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)))
                    {
                        DataType = CellValues.InlineString,
                    });
                    break;
            }
        }

        writer.WriteEndElement();
    }
}
