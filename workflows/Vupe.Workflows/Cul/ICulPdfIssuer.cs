using Vupe.Documents.Pdf;

namespace Vupe.Workflows.Cul;

/// <summary>A rendered and signed PDF, and whose signature it bears.</summary>
public sealed record SignedPdf(ReadOnlyMemory<byte> Content, string SignedBy);

/// <summary>Renders a certificate and signs it. <see cref="DocumentsCulPdfIssuer"/> does it with Vupe.Documents; tests may count calls.</summary>
public interface ICulPdfIssuer
{
    Task<SignedPdf> RenderAndSignAsync(CulCertificate certificate, CancellationToken ct);
}
