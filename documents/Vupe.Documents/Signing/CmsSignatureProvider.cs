using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Vupe.Documents.Signing;

/// <summary>
/// Signs with a certificate whose private key this process holds: CMS SignedData, detached, SHA-256, with the
/// signing-certificate-v2 attribute (PAdES B-B). No signing-time attribute: PAdES carries the time in the
/// signature dictionary's /M entry instead.
/// </summary>
public sealed class CmsSignatureProvider : ISignatureProvider
{
    private static readonly Oid Sha256 = new("2.16.840.1.101.3.4.2.1", "sha256");

    public CmsSignatureProvider(X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException($"The signing certificate {certificate.Subject} has no private key.", nameof(certificate));
        }
        Certificate = certificate;
        Chain = [.. (chain ?? []).Where(c => c.Thumbprint != certificate.Thumbprint && c.Subject != c.Issuer)];
        CertificateName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    public string CertificateName { get; }

    public X509Certificate2 Certificate { get; }

    public IReadOnlyList<X509Certificate2> Chain { get; }

    public Task<byte[]> SignDetachedCmsAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var cms = new SignedCms(new ContentInfo(content.ToArray()), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Certificate)
        {
            DigestAlgorithm = Sha256,
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        foreach (var intermediate in Chain) signer.Certificates.Add(intermediate);
        // Content type and message digest are added by SignedCms itself.
        signer.SignedAttributes.Add(SigningCertificateV2.Create(Certificate));
        cms.ComputeSignature(signer, silent: true);
        return Task.FromResult(cms.Encode());
    }
}
