using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Vupe.Documents.Pdf;

/// <summary>Renders "Mis datos personales" (Ley 29733, right of access): every section of what the VUPE holds about a person.</summary>
public sealed class PersonalDataRenderer
{
    public const string Title = "MIS DATOS PERSONALES";
    private const double FooterHeight = 22;

    private readonly DocumentTime _time;

    public PersonalDataRenderer(IOptions<PdfRenderingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = new DocumentTime(options.Value.TimeZoneId);
    }

    public byte[] Render(PersonalDataReport report, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var document = new PdfDocument();
        document.Info.Title = $"Datos personales de {report.HolderName}";
        document.Info.Author = DocumentComposer.MinistryName;
        document.Info.Creator = DocumentComposer.ServiceName;
        document.Options.NoCompression = true;
        var generated = $"Generado el {_time.DateTime(generatedAt)}";
        using (var composer = new DocumentComposer(document, new PageFrame(Title, $"{report.HolderName} · DNI {report.MaskedDocument}", FooterHeight,
                   footer => DrawFooter(footer, generated))))
        {
            foreach (var section in report.Sections)
            {
                composer.Heading(section.Title, section.Rows.Count > 0 ? $"{section.Rows.Count} registros" : null);
                if (section.Fields.Count > 0) composer.Fields([.. section.Fields.Select(f => (f.Key, f.Value))]);
                if (section.Columns.Count > 0)
                {
                    if (section.Rows.Count == 0) composer.Paragraph(section.Empty, PdfStyles.Body, PdfStyles.Muted);
                    else composer.Table([.. section.Columns.Select(c => new TableColumn(c, 1))], section.Rows);
                }
                composer.Space(6);
            }
            composer.Finish();
        }
        return FlateStreamRepair.Repair(PdfBytes.Save(document));
    }

    private static void DrawFooter(FooterContext footer, string generated)
    {
        var g = footer.Graphics;
        g.DrawString($"Mis datos personales · {generated}", PdfStyles.Small, PdfStyles.Muted, footer.Area.Left, footer.Area.Top, XStringFormats.TopLeft);
        g.DrawString($"Página {footer.PageNumber} de {footer.PageCount}", PdfStyles.Small, PdfStyles.Muted, footer.Area.Right, footer.Area.Top, XStringFormats.TopRight);
    }
}
