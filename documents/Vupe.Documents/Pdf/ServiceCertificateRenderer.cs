using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Vupe.Documents.Pdf;

/// <summary>
/// Renders a service's constancia or certificate (<see cref="ServiceCertificate"/>) as an A4 PDF, unsigned, with the
/// verification code and QR in the footer like the CUL, so a third party (an employer) can check it the same way.
/// </summary>
public sealed class ServiceCertificateRenderer
{
    private const double FooterHeight = 84;
    private const double QrSize = 70;

    private readonly PdfRenderingOptions _options;
    private readonly DocumentTime _time;

    public ServiceCertificateRenderer(IOptions<PdfRenderingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = new DocumentTime(_options.TimeZoneId);
    }

    /// <summary>The document as PDF bytes, streams repaired, ready to sign.</summary>
    public byte[] Render(ServiceCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var document = new PdfDocument();
        document.Info.Title = $"{certificate.Title} N.º {certificate.Number}";
        document.Info.Author = DocumentComposer.MinistryName;
        document.Info.Subject = certificate.HolderName;
        document.Info.Creator = DocumentComposer.ServiceName;
        // Compression happens once, in FlateStreamRepair, with checksums.
        document.Options.NoCompression = true;
        var verificationUrl = _options.VerificationUrl(certificate.VerificationCode);
        using (var composer = new DocumentComposer(document, new PageFrame(certificate.Title, $"N.º {certificate.Number}", FooterHeight,
                   footer => DrawFooter(footer, certificate.VerificationCode, verificationUrl))))
        {
            var header = new List<(string, string)>
            {
                ("Número", certificate.Number),
                ("Código de verificación", certificate.VerificationCode.ToString()),
                ("Fecha de emisión", _time.DateTime(certificate.IssuedAt)),
                ("Oficina emisora", certificate.IssuingOffice),
            };
            if (certificate.ValidUntil is { } until) header.Add(("Válido hasta", _time.Date(until)));
            composer.Fields(header, columns: 3);
            composer.Space(10);
            composer.Heading("Titular");
            composer.Fields([("Apellidos y nombres", certificate.HolderName), ("Documento de identidad", certificate.HolderDocument ?? "—")]);
            composer.Space(6);
            composer.Paragraph($"El Ministerio de Trabajo y Promoción del Empleo hace constar que {certificate.HolderName} {certificate.Statement}", PdfStyles.Body);
            composer.Space(8);
            if (certificate.Fields.Count > 0)
            {
                composer.Heading("Detalle");
                composer.Fields(certificate.Fields);
            }
            composer.Space(8);
            composer.Paragraph(
                "Documento gratuito firmado digitalmente por el Ministerio de Trabajo y Promoción del Empleo (Ley 27269). " +
                $"Para comprobar su autenticidad ingrese el código de verificación en {verificationUrl} o escanee el código QR. " +
                "Cualquier alteración invalida la firma.",
                PdfStyles.SmallItalic, PdfStyles.Muted);
            composer.Finish();
        }
        return FlateStreamRepair.Repair(PdfBytes.Save(document));
    }

    private static void DrawFooter(FooterContext footer, VerificationCode code, string verificationUrl)
    {
        var g = footer.Graphics;
        var area = footer.Area;
        QrCodeDrawing.Draw(g, verificationUrl, new XRect(area.Left, area.Top, QrSize, QrSize));
        var x = area.Left + QrSize + 10;
        var y = area.Top + 4;
        g.DrawString("Código de verificación", PdfStyles.Label, PdfStyles.Muted, x, y, XStringFormats.TopLeft);
        y += DocumentComposer.LineHeight(PdfStyles.Label);
        g.DrawString(code.ToString(), PdfStyles.Title, PdfStyles.Text, x, y, XStringFormats.TopLeft);
        y += DocumentComposer.LineHeight(PdfStyles.Title) + 2;
        g.DrawString("Verifique la autenticidad de este documento en:", PdfStyles.Small, PdfStyles.Muted, x, y, XStringFormats.TopLeft);
        y += DocumentComposer.LineHeight(PdfStyles.Small);
        g.DrawString(verificationUrl, PdfStyles.Small, PdfStyles.BrandBrush, x, y, XStringFormats.TopLeft);
        g.DrawString($"Página {footer.PageNumber} de {footer.PageCount}", PdfStyles.Small, PdfStyles.Muted, area.Right, area.Top + QrSize - 8, XStringFormats.TopRight);
    }
}
