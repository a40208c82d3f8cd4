using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vupe.Documents.Pdf;
using Vupe.Documents.Signing;

namespace Vupe.Workflows.Documents;

/// <summary>Renders and signs with Vupe.Documents for real and keeps the PDFs in memory: for tests and samples. Thread-safe.</summary>
public sealed class InMemoryServiceDocumentIssuer(ISignatureProvider signer, PdfRenderingOptions? rendering = null) : IServiceDocumentIssuer
{
    private readonly ServiceCertificateRenderer _renderer = new(Options.Create(rendering ?? new PdfRenderingOptions()));
    private readonly PdfDocumentSigner _signer = new(signer, Options.Create(new PdfSigningOptions()), NullLogger<PdfDocumentSigner>.Instance);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (ServiceDocumentRequest Request, ServiceDocumentReceipt Receipt, byte[] Pdf)> _issued = new(StringComparer.Ordinal);

    /// <summary>Every document issued, with its signed bytes.</summary>
    public IReadOnlyList<(ServiceDocumentRequest Request, ServiceDocumentReceipt Receipt, byte[] Pdf)> Issued
    {
        get { lock (_lock) return [.. _issued.Values]; }
    }

    public async Task<ServiceDocumentReceipt> IssueAsync(ServiceDocumentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
            if (_issued.TryGetValue(request.IdempotencyKey, out var earlier)) return earlier.Receipt;
        var c = request.Certificate;
        var signed = await _signer.SignAsync(_renderer.Render(c), $"{c.Title} {c.Number}", ct);
        var receipt = new ServiceDocumentReceipt(Guid.CreateVersion7(), Convert.ToHexStringLower(SHA256.HashData(signed)), c.Number, c.VerificationCode.ToString(), c.IssuedAt, c.ValidUntil);
        lock (_lock)
        {
            if (_issued.TryGetValue(request.IdempotencyKey, out var raced)) return raced.Receipt;
            _issued[request.IdempotencyKey] = (request, receipt, signed);
        }
        return receipt;
    }
}
