namespace Vupe.Documents.Verification;

public sealed class PdfVerificationOptions
{
    /// <summary>Root certificates (DER or PEM files) whose signatures count as trusted, e.g. the national PKI's roots.</summary>
    public IList<string> TrustedRootCertificatePaths { get; } = [];

    /// <summary>Trust the development CA's root while documents are being signed with it.</summary>
    public bool TrustDevelopmentRoot { get; set; } = true;
}
