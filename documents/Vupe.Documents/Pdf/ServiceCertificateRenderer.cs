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
        using (var composer = new DocumentComposer(document, new PageFrame(certificate.Title, $"N.º {certificate.Number}", VerificationFooter.Height,
                   footer => VerificationFooter.Draw(footer, certificate.VerificationCode, verificationUrl, "documento"))))
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
}
