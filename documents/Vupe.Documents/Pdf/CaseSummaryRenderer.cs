using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Vupe.Documents.Pdf;

/// <summary>Renders a "resumen de expediente": the case's particulars and its history, over as many pages as it takes.</summary>
public sealed class CaseSummaryRenderer
{
    public const string Title = "RESUMEN DE EXPEDIENTE";
    private const double FooterHeight = 22;

    private static readonly TableColumn[] HistoryColumns = [new("Fecha y hora", 1.6), new("Actor", 2), new("Acción", 2.4), new("Detalle", 4)];

    private readonly DocumentTime _time;

    public CaseSummaryRenderer(IOptions<PdfRenderingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = new DocumentTime(options.Value.TimeZoneId);
    }

    public byte[] Render(CaseSummary summary, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var document = new PdfDocument();
        document.Info.Title = $"Resumen del expediente {summary.CaseNumber}";
        document.Info.Author = DocumentComposer.MinistryName;
        document.Info.Creator = DocumentComposer.ServiceName;
        document.Options.NoCompression = true;
        var generated = $"Generado el {_time.DateTime(generatedAt)}";
        using (var composer = new DocumentComposer(document, new PageFrame(Title, $"Expediente {summary.CaseNumber}", FooterHeight,
                   footer => DrawFooter(footer, summary.CaseNumber, generated))))
        {
            composer.Fields(
            [
                ("Expediente", summary.CaseNumber),
                ("Procedimiento", summary.Procedure),
                ("Oficina", summary.Office),
                ("Estado", summary.Status),
                ("Fecha de apertura", _time.DateTime(summary.OpenedAt)),
                ("Fecha de cierre", summary.ClosedAt is { } closed ? _time.DateTime(closed) : "En trámite"),
            ], columns: 3);
            composer.Space(6);
            composer.Heading("Historial del expediente", $"{summary.History.Count} registros");
            if (summary.History.Count == 0)
            {
                composer.Paragraph("El expediente no tiene registros de historial.", PdfStyles.Body);
            }
            else
            {
                composer.Table(HistoryColumns, summary.History.Select(row => (IReadOnlyList<string>)
                    [_time.DateTime(row.At), row.Actor, row.Action, row.Detail ?? string.Empty]));
            }
            composer.Finish();
        }
        return FlateStreamRepair.Repair(PdfBytes.Save(document));
    }

    private static void DrawFooter(FooterContext footer, string caseNumber, string generated)
    {
        var g = footer.Graphics;
        g.DrawString($"Expediente {caseNumber} · {generated}", PdfStyles.Small, PdfStyles.Muted, footer.Area.Left, footer.Area.Top, XStringFormats.TopLeft);
        g.DrawString($"Página {footer.PageNumber} de {footer.PageCount}", PdfStyles.Small, PdfStyles.Muted, footer.Area.Right, footer.Area.Top, XStringFormats.TopRight);
    }
}
