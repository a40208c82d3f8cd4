using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Vupe.Documents.Pdf;

/// <summary>
/// Renders the Certificado Único Laboral as an A4 PDF (unsigned; <see cref="Signing.PdfDocumentSigner"/> signs it).
/// Every section states which system answered and when, because the certificate is only as good as its sources.
/// </summary>
public sealed class CulRenderer
{
    public const string Title = "CERTIFICADO ÚNICO LABORAL";

    private static readonly TableColumn[] RecordColumns = [new("Descripción", 5), new("Referencia", 2.5), new("Fecha", 1.5)];
    private static readonly TableColumn[] EducationColumns = [new("Nivel", 2), new("Institución", 3.5), new("Título o grado", 3.5), new("Año", 1)];
    private static readonly TableColumn[] EmploymentColumns = [new("Empleador", 4), new("RUC", 2), new("Desde", 1.5), new("Hasta", 1.5)];

    private readonly PdfRenderingOptions _options;
    private readonly DocumentTime _time;

    public CulRenderer(IOptions<PdfRenderingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = new DocumentTime(_options.TimeZoneId);
    }

    /// <summary>The certificate as PDF bytes, streams repaired, ready to sign.</summary>
    public byte[] Render(CulCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var document = NewDocument(certificate);
        var verificationUrl = _options.VerificationUrl(certificate.VerificationCode);
        using (var composer = new DocumentComposer(document, new PageFrame(Title, $"N.º {certificate.CertificateNumber}", VerificationFooter.Height,
                   footer => VerificationFooter.Draw(footer, certificate.VerificationCode, verificationUrl, "certificado"))))
        {
            Compose(composer, certificate, verificationUrl);
            composer.Finish();
        }
        return FlateStreamRepair.Repair(PdfBytes.Save(document));
    }

    private static PdfDocument NewDocument(CulCertificate certificate)
    {
        var document = new PdfDocument();
        document.Info.Title = $"{Title} N.º {certificate.CertificateNumber}";
        document.Info.Author = DocumentComposer.MinistryName;
        document.Info.Subject = $"{certificate.Citizen.FullName} — DNI {certificate.Citizen.Dni}";
        document.Info.Creator = DocumentComposer.ServiceName;
        // Compression happens once, in FlateStreamRepair, with checksums.
        document.Options.NoCompression = true;
        return document;
    }

    private void Compose(DocumentComposer composer, CulCertificate c, string verificationUrl)
    {
        composer.Fields(
        [
            ("Certificado N.º", c.CertificateNumber),
            ("Código de verificación", c.VerificationCode.ToString()),
            ("Fecha de emisión", _time.DateTime(c.IssuedAt)),
            ("Válido hasta", _time.Date(c.ValidUntil)),
            ("Oficina emisora", c.IssuingOffice),
        ], columns: 3);
        composer.Space(6);

        composer.Heading("1. Datos de identidad", Consulted(c.Identity.Consultation));
        composer.Fields(
        [
            ("Apellidos y nombres", c.Citizen.FullName),
            ("DNI", c.Citizen.Dni),
            ("Fecha de nacimiento", DocumentTime.Date(c.Citizen.BirthDate)),
            ("Validación de identidad (RENIEC)", c.Identity.ValidatedAgainstReniec ? "Sí, identidad validada" : "No validada"),
            ("Domicilio", c.Citizen.Address),
        ]);
        composer.Space(4);

        Records(composer, "2. Antecedentes policiales", c.PoliceRecords);
        Records(composer, "3. Antecedentes judiciales", c.JudicialRecords);
        Records(composer, "4. Antecedentes penales", c.PenalRecords);

        composer.Heading("5. Trayectoria educativa", Consulted(c.Education.Consultation));
        if (c.Education.Entries.Count == 0)
        {
            composer.Paragraph("No se encontraron registros educativos.", PdfStyles.Body);
            composer.Space(6);
        }
        else
        {
            composer.Table(EducationColumns, c.Education.Entries.Select(e => (IReadOnlyList<string>)
                [e.Level, e.Institution, e.Title, e.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"]));
        }

        composer.Heading("6. Experiencia laboral formal", Consulted(c.Employment.Consultation));
        if (c.Employment.Entries.Count == 0)
        {
            composer.Paragraph("No se encontraron registros de empleo formal en la Planilla Electrónica.", PdfStyles.Body);
            composer.Space(6);
        }
        else
        {
            composer.Table(EmploymentColumns, c.Employment.Entries.Select(e => (IReadOnlyList<string>)
                [e.EmployerName, e.Ruc, DocumentTime.Date(e.From), e.To is { } to ? DocumentTime.Date(to) : "a la fecha"]));
        }

        composer.Space(4);
        composer.Paragraph(
            "Este certificado es gratuito y ha sido firmado digitalmente por el Ministerio de Trabajo y Promoción del Empleo. " +
            $"Tiene validez de {CulCertificate.ValidityMonths} meses desde su emisión. La información procede de las entidades " +
            "indicadas en cada sección, en la fecha y hora de consulta señaladas. ¿Desea comprobar su autenticidad? " +
            $"Ingrese el código de verificación en {verificationUrl} o escanee el código QR. ¡Cualquier alteración invalida la firma!",
            PdfStyles.SmallItalic, PdfStyles.Muted);
    }

    private void Records(DocumentComposer composer, string title, CulRecordsSection section)
    {
        composer.Heading(title, Consulted(section.Consultation));
        if (!section.HasRecords)
        {
            composer.Paragraph("No registra antecedentes.", PdfStyles.BodyBold);
            composer.Space(6);
            return;
        }
        composer.Table(RecordColumns, section.Records.Select(r => (IReadOnlyList<string>)
            [r.Description, r.Reference ?? "—", r.Date is { } date ? DocumentTime.Date(date) : "—"]));
    }

    private string Consulted(SourceConsultation consultation) =>
        $"Fuente: {consultation.Source} · consultado el {_time.DateTime(consultation.ConsultedAt)}";
}
