namespace Vupe.Documents.Pdf;

public sealed class PdfRenderingOptions
{
    /// <summary>
    /// Public page where anyone checks a certificate; <c>{code}</c> is replaced by the verification code and
    /// <c>{base}</c> by <see cref="PublicBaseUrl"/> (the host's public address, asked at each rendering).
    /// </summary>
    public string VerificationUrlTemplate { get; set; } = "https://vupe.example.pe/verificar/{code}";

    /// <summary>The public base address for <c>{base}</c> (no trailing slash), given by the host when it renders.</summary>
    public Func<string>? PublicBaseUrl { get; set; }

    /// <summary>Times on documents are shown in this zone (Peru has no daylight saving: UTC−5 all year).</summary>
    public string TimeZoneId { get; set; } = "America/Lima";

    public string VerificationUrl(VerificationCode code)
    {
        var url = VerificationUrlTemplate.Replace("{code}", code.ToString(), StringComparison.Ordinal);
        return url.Contains("{base}", StringComparison.Ordinal)
            ? url.Replace("{base}", (PublicBaseUrl?.Invoke() ?? "http://localhost").TrimEnd('/'), StringComparison.Ordinal)
            : url;
    }
}
