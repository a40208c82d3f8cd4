namespace Vupe.Documents.Pdf;

public sealed class PdfRenderingOptions
{
    /// <summary>Public page where anyone checks a certificate; <c>{code}</c> is replaced by the verification code.</summary>
    public string VerificationUrlTemplate { get; set; } = "https://vupe.example.pe/verificar/{code}";

    /// <summary>Times on documents are shown in this zone (Peru has no daylight saving: UTC−5 all year).</summary>
    public string TimeZoneId { get; set; } = "America/Lima";

    public string VerificationUrl(VerificationCode code) =>
        VerificationUrlTemplate.Replace("{code}", code.ToString(), StringComparison.Ordinal);
}
