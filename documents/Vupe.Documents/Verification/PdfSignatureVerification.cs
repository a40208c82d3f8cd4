using System.Security.Cryptography.X509Certificates;

namespace Vupe.Documents.Verification;

public enum PdfSignatureStatus
{
    /// <summary>Signed by a trusted signer and not a byte changed or added since.</summary>
    Intact,
    /// <summary>Signed, but the bytes no longer match the signature (changed, added to, or the signature itself damaged).</summary>
    Altered,
    /// <summary>A readable PDF without a signature.</summary>
    NotSigned,
    /// <summary>Signed and unchanged, but by a certificate that does not chain to a trusted root.</summary>
    UntrustedSigner,
    /// <summary>Not a PDF, or too damaged to tell.</summary>
    Malformed,
}

/// <summary>What the verifier found, with a message for the public verification page (Spanish) and one for logs (English).</summary>
public sealed record PdfSignatureVerification(
    PdfSignatureStatus Status,
    string MessageEs,
    string MessageEn,
    X509Certificate2? SignerCertificate = null,
    string? DocumentSha256 = null)
{
    public bool IsIntact => Status == PdfSignatureStatus.Intact;

    public string? SignerName => SignerCertificate?.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
}
