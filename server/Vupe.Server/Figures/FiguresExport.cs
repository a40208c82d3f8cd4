using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using Vupe.Server.Audit;

namespace Vupe.Server.Figures;

internal enum FiguresFormat { Json, Csv, Xlsx }

/// <summary>
/// The figures as a file to take away, CSV (CsvHelper) or XLSX (ClosedXML), built from the same <see cref="FigureTables"/>
/// the page shows. Each export is written to the "figures" audit trail (who, when, from where, which period and scope).
/// </summary>
internal sealed class FiguresExport(AuditLog audit)
{
    public async Task<(byte[] Content, string ContentType, string FileName)> ExportAsync(DashboardFigures figures, FiguresFormat format, CancellationToken ct)
    {
        var tables = FigureTables.From(figures);
        var content = format == FiguresFormat.Csv ? Csv(figures, tables) : Xlsx(figures, tables);
        await audit.AppendAsync(AuditTrails.Figures, "figures.exported", new
        {
            format = format.ToString().ToLowerInvariant(), from = figures.Period.From, to = figures.Period.To, office = figures.OfficeCode ?? "nacional",
        }, ct);
        var name = $"cifras-vupe-{figures.OfficeCode?.ToLowerInvariant() ?? "nacional"}-{figures.Period.From:yyyyMMdd}-{figures.Period.To:yyyyMMdd}";
        return format == FiguresFormat.Csv
            ? (content, "text/csv; charset=utf-8", name + ".csv")
            : (content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    /// <summary>
    /// One row per number ("long" form: scope, period, section, group, subgroup, indicator, value), which any
    /// statistics tool reads without knowing the page's layout. UTF-8 with a BOM so Excel shows the accents.
    /// </summary>
    internal static byte[] Csv(DashboardFigures figures, IReadOnlyList<FigureTable> tables)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteRecord(["Ámbito", "Desde", "Hasta", "Sección", "Grupo", "Subgrupo", "Indicador", "Valor"]);
            var from = figures.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = figures.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var table in tables)
            {
                // The summary's rows are indicators themselves; other tables' rows are groups with one value per column.
                var summary = table.Id == "resumen";
                foreach (var row in table.Rows)
                    for (var col = table.KeyColumns; col < table.Columns.Count; col++)
                        csv.WriteRecord([figures.Scope, from, to, table.Title, summary ? "" : Text(row[0]), table.KeyColumns > 1 ? Text(row[1]) : "",
                            summary ? Text(row[0]) : table.Columns[col], Text(row[col])]);
            }
        }
        return stream.ToArray();
    }

    /// <summary>A sheet per table (title, scope and period above the headers), numbers as numbers.</summary>
    internal static byte[] Xlsx(DashboardFigures figures, IReadOnlyList<FigureTable> tables)
    {
        using var workbook = new XLWorkbook();
        foreach (var table in tables)
        {
            var sheet = workbook.Worksheets.Add(SheetName(table.Id));
            sheet.Cell(1, 1).Value = table.Title;
            sheet.Cell(1, 1).Style.Font.Bold = true;
            sheet.Cell(2, 1).Value = $"{figures.Scope} · del {figures.Period.From:dd/MM/yyyy} al {figures.Period.To:dd/MM/yyyy}";
            for (var col = 0; col < table.Columns.Count; col++)
            {
                sheet.Cell(4, col + 1).Value = table.Columns[col];
                sheet.Cell(4, col + 1).Style.Font.Bold = true;
            }
            for (var r = 0; r < table.Rows.Count; r++)
                for (var col = 0; col < table.Columns.Count; col++)
                {
                    var cell = sheet.Cell(5 + r, col + 1);
                    switch (table.Rows[r][col])
                    {
                        case int i: cell.Value = i; break;
                        case double d: cell.Value = d; break;
                        case var other: cell.Value = other.ToString(); cell.DataType = XLDataType.Text; break;
                    }
                }
            // Widths set by hand: ClosedXML's AdjustToContents measures text with System.Drawing, which Linux servers lack.
            sheet.Column(1).Width = 40;
            for (var col = 2; col <= table.Columns.Count; col++) sheet.Column(col).Width = col <= table.KeyColumns ? 40 : 16;
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>The table's id with a capital, e.g. "Vacantes" (Excel allows 31 characters and no ":\/?*[]").</summary>
    private static string SheetName(string id) => char.ToUpperInvariant(id[0]) + id[1..];

    private static string Text(object value) => value switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
