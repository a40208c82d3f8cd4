using System.Security.Cryptography.X509Certificates;

namespace Vupe.Documents.Signing;

/// <summary>
/// Whatever holds the signing key: a certificate with its key in this process today; an HSM or the national
/// FIRMA PERÚ service later. It only has to return a detached CMS signature over the bytes it is given.
/// </summary>
public interface ISignatureProvider
{
    /// <summary>Shown in the PDF's signature dictionary (/Name) and in logs.</summary>
    string CertificateName { get; }

    /// <summary>The signer's certificate (public part).</summary>
    X509Certificate2 Certificate { get; }

    /// <summary>Intermediate certificates to embed so verifiers can build the chain; never the root.</summary>
    IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>A DER-encoded CMS SignedData, detached (the content is not embedded), over <paramref name="content"/>.</summary>
    Task<byte[]> SignDetachedCmsAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);
}
