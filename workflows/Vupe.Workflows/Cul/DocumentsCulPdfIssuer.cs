using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vupe.Documents.Pdf;
using Vupe.Documents.Signing;

namespace Vupe.Workflows.Cul;

/// <summary>Renders the certificate with Vupe.Documents' <see cref="CulRenderer"/> and signs it with the configured signature provider.</summary>
public sealed class DocumentsCulPdfIssuer(CulRenderer renderer, PdfDocumentSigner signer, ISignatureProvider provider) : ICulPdfIssuer
{
    /// <summary>An issuer built without a host's DI (the sample, tests): renders with <paramref name="rendering"/>, signs with <paramref name="provider"/>.</summary>
    public static DocumentsCulPdfIssuer Create(ISignatureProvider provider, PdfRenderingOptions? rendering = null, PdfSigningOptions? signing = null,
        ILoggerFactory? logs = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var logger = (logs ?? NullLoggerFactory.Instance).CreateLogger<PdfDocumentSigner>();
        return new DocumentsCulPdfIssuer(new CulRenderer(Options.Create(rendering ?? new PdfRenderingOptions())),
            new PdfDocumentSigner(provider, Options.Create(signing ?? new PdfSigningOptions()), logger), provider);
    }

    public async Task<SignedPdf> RenderAndSignAsync(CulCertificate certificate, CancellationToken ct)
    {
        var pdf = renderer.Render(certificate);
        var signed = await signer.SignAsync(pdf, $"Certificado Único Laboral {certificate.CertificateNumber}", ct);
        return new SignedPdf(signed, provider.CertificateName);
    }
}
