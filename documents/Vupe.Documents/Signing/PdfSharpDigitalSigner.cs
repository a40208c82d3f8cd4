using PdfSharp.Pdf.Signatures;

namespace Vupe.Documents.Signing;

/// <summary>Lets PDFsharp's signature handler call an <see cref="ISignatureProvider"/>.</summary>
internal sealed class PdfSharpDigitalSigner(ISignatureProvider provider, CancellationToken cancellationToken) : IDigitalSigner
{
    // Room for timestamp-free CMS growth (longer chains, different certificates) beyond the measured size.
    private const int Headroom = 512;
    private int? _size;

    public string CertificateName => provider.CertificateName;

    public async Task<int> GetSignatureSizeAsync()
    {
        // The placeholder in the PDF must be at least as large as the real signature: measure one.
        _size ??= (await provider.SignDetachedCmsAsync(new byte[32], cancellationToken).ConfigureAwait(false)).Length + Headroom;
        return _size.Value;
    }

    public async Task<byte[]> GetSignatureAsync(Stream stream)
    {
        // PDFsharp hands over a stream of only the signed ranges. It is not a general-purpose stream: CopyTo and
        // CanSeek throw, and reads other than one read of the whole Length fall back to a byte-at-a-time path that
        // returns nothing once the underlying file is at its end. So: one read of exactly Length bytes, checked.
        var content = new byte[checked((int)stream.Length)];
        var read = stream.Read(content, 0, content.Length);
        if (read != content.Length)
        {
            throw new InvalidOperationException($"PDFsharp supplied {read} of the {content.Length} bytes to sign.");
        }
        return await provider.SignDetachedCmsAsync(content, cancellationToken).ConfigureAwait(false);
    }
}
