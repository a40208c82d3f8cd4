using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PdfSharp.Pdf.Signatures;
using Vupe.Documents.Pdf;
using Vupe.Documents.Verification;

namespace Vupe.Documents.Signing;

/// <summary>
/// Signs a PDF (adbe.pkcs7.detached, CMS from the <see cref="ISignatureProvider"/>). The streams are repaired
/// first, because once signed not a byte may change.
/// </summary>
public sealed partial class PdfDocumentSigner
{
    private readonly ISignatureProvider _provider;
    private readonly PdfSigningOptions _options;
    private readonly ILogger<PdfDocumentSigner> _logger;

    public PdfDocumentSigner(ISignatureProvider provider, IOptions<PdfSigningOptions> options, ILogger<PdfDocumentSigner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _provider = provider;
        _options = options.Value;
        _logger = logger;
    }

    /// <param name="pdf">An unsigned PDF, e.g. from <see cref="CulRenderer"/>; a signed one is refused.</param>
    /// <param name="reason">Overrides <see cref="PdfSigningOptions.Reason"/> for this document.</param>
    public async Task<byte[]> SignAsync(byte[] pdf, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        // PDFsharp rewrites the whole file rather than appending a revision, which would break an existing signature.
        if (PdfSignatureLocator.HasSignatureTraces(pdf))
        {
            throw new InvalidOperationException("The PDF is already signed; signing it again would invalidate the existing signature.");
        }
        using var document = FlateStreamRepair.OpenRepaired(pdf);
        DigitalSignatureHandler.ForDocument(document, new PdfSharpDigitalSigner(_provider, cancellationToken), new DigitalSignatureOptions
        {
            ContactInfo = _options.ContactInfo,
            Location = _options.Location,
            Reason = reason ?? _options.Reason,
            AppName = _options.AppName,
        });
        // The signature is computed while saving: PDFsharp writes the file, then signs the byte ranges.
        using var output = new MemoryStream(pdf.Length + 16 * 1024);
        await document.SaveAsync(output, closeStream: false).ConfigureAwait(false);
        LogSigned(_provider.CertificateName, output.Length);
        return output.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Signed a PDF with {Certificate} ({Length} bytes)")]
    private partial void LogSigned(string certificate, long length);
}
