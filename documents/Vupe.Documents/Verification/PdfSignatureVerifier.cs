using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Vupe.Documents.Signing;

namespace Vupe.Documents.Verification;

/// <summary>
/// Answers "is this the document we signed?" for any PDF bytes: the signature must cover the whole file but for
/// its own contents, the CMS signature must hold over those bytes, and the signer must chain to a trusted root.
/// Never throws for bad input: whatever is wrong becomes a status.
/// </summary>
public sealed class PdfSignatureVerifier
{
    private const string MessageDigestOid = "1.2.840.113549.1.9.4";
    private const string ContentTypeOid = "1.2.840.113549.1.9.3";
    private readonly X509Certificate2Collection _trustedRoots;

    public PdfSignatureVerifier(IEnumerable<X509Certificate2> trustedRoots)
    {
        ArgumentNullException.ThrowIfNull(trustedRoots);
        _trustedRoots = [.. trustedRoots];
    }

    public PdfSignatureVerification Verify(ReadOnlySpan<byte> pdf)
    {
        var sha = Sha256.Hex(pdf);
        try
        {
            return VerifyCore(pdf, sha);
        }
#pragma warning disable CA1031 // The verifier's contract is a status for any input; a parser surprise must not escape as an exception.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return Altered($"the signature could not be checked ({ex.GetType().Name})", sha);
        }
    }

    private PdfSignatureVerification VerifyCore(ReadOnlySpan<byte> pdf, string sha)
    {
        if (!PdfSignatureLocator.HasSignatureTraces(pdf))
        {
            return LooksLikePdf(pdf)
                ? new(PdfSignatureStatus.NotSigned, "El documento no tiene firma digital.", "The document is not signed.", DocumentSha256: sha)
                : new(PdfSignatureStatus.Malformed, "El archivo no es un PDF válido.", "The file is not a valid PDF.", DocumentSha256: sha);
        }
        var (fields, problem) = PdfSignatureLocator.Find(pdf);
        if (problem is not null) return Altered(problem, sha);
        if (fields.Count == 0) return Altered("a signature dictionary without /ByteRange", sha);

        X509Certificate2? signer = null;
        var embedded = new X509Certificate2Collection();
        foreach (var field in fields.OrderBy(f => f.End))
        {
            var (failure, certificate, certificates) = CheckCms(pdf, field);
            if (failure is not null) return Altered(failure, sha, certificate);
            signer = certificate;
            embedded = certificates;
        }
        // The newest signature must cover every byte: anything after it was added after signing.
        var last = fields.MaxBy(f => f.End)!;
        if (last.End != pdf.Length)
        {
            return Altered($"{pdf.Length - last.End} bytes were added after the signed revision", sha, signer);
        }
        if (!ChainsToTrustedRoot(signer!, embedded))
        {
            return new(PdfSignatureStatus.UntrustedSigner,
                $"El documento no fue modificado, pero lo firmó un certificado no reconocido ({signer!.Subject}).",
                $"The document is unchanged but was signed by an untrusted certificate ({signer.Subject}).",
                signer, sha);
        }
        return new(PdfSignatureStatus.Intact,
            $"Documento auténtico e íntegro, firmado por {signer!.GetNameInfo(X509NameType.SimpleName, false)}.",
            $"Authentic and intact, signed by {signer.Subject}.",
            signer, sha);
    }

    private static (string? Failure, X509Certificate2? Signer, X509Certificate2Collection Certificates) CheckCms(ReadOnlySpan<byte> pdf, PdfSignatureField field)
    {
        var content = new byte[field.Length1 + field.Length2];
        pdf.Slice((int)field.Start1, (int)field.Length1).CopyTo(content);
        pdf.Slice((int)field.Start2, (int)field.Length2).CopyTo(content.AsSpan((int)field.Length1));

        // The hex string is padded with zeros after the DER value; keep only the value.
        byte[] der;
        try
        {
            AsnDecoder.ReadEncodedValue(field.Contents, AsnEncodingRules.BER, out _, out _, out var consumed);
            der = field.Contents[..consumed];
            // PDF writers pad the reserved space with zeros; anything else there was put in later.
            if (field.Contents.AsSpan(consumed).ContainsAnyExcept((byte)0))
            {
                return ("the space reserved for the signature holds extra data", null, []);
            }
        }
        catch (AsnContentException)
        {
            return ("the signature contents are not a CMS structure", null, []);
        }
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        try
        {
            cms.Decode(der);
        }
        catch (CryptographicException)
        {
            return ("the signature contents are not a CMS structure", null, []);
        }
        if (cms.SignerInfos.Count != 1) return ("the CMS structure does not have exactly one signer", null, []);
        var signerInfo = cms.SignerInfos[0];
        // RFC 5652 fixes the versions by the signer identifier's form; they are not signed, so hold them to it.
        var expectedVersion = signerInfo.SignerIdentifier.Type == SubjectIdentifierType.SubjectKeyIdentifier ? 3 : 1;
        if (signerInfo.Version != expectedVersion || cms.Version is not (1 or 3))
        {
            return ("the CMS structure has unexpected version numbers", null, []);
        }
        var certificate = signerInfo.Certificate;
        if (certificate is null) return ("the signer's certificate is not in the signature", null, []);

        var digest = DigestOf(signerInfo.DigestAlgorithm, content);
        if (digest is null) return ($"unsupported digest algorithm {signerInfo.DigestAlgorithm.Value}", certificate, []);
        var expected = signerInfo.SignedAttributes.Cast<CryptographicAttributeObject>()
            .FirstOrDefault(a => a.Oid.Value == MessageDigestOid)?.Values.Cast<AsnEncodedData>().FirstOrDefault();
        if (expected is null) return ("the signature has no message digest", certificate, []);
        if (!CryptographicOperations.FixedTimeEquals(new Pkcs9MessageDigest { RawData = expected.RawData }.MessageDigest, digest))
        {
            return ("the signed bytes do not match the signature's digest", certificate, []);
        }
        // RFC 5652: the signed content-type must name the encapsulated content's type.
        var contentType = signerInfo.SignedAttributes.Cast<CryptographicAttributeObject>()
            .FirstOrDefault(a => a.Oid.Value == ContentTypeOid)?.Values.Cast<AsnEncodedData>().FirstOrDefault();
        var (announcedDigests, encapsulatedType) = UnsignedOuterFields(der);
        if (contentType is null || new Pkcs9ContentType { RawData = contentType.RawData }.ContentType.Value != encapsulatedType)
        {
            return ("the signature's content type does not match", certificate, []);
        }
        if (announcedDigests.Count != 1 || announcedDigests[0] != signerInfo.DigestAlgorithm.Value)
        {
            return ("the digest algorithms listed do not match the signer's", certificate, []);
        }
        if (!SigningCertificateV2.Matches(signerInfo, certificate))
        {
            return ("the certificate in the signature is not the one that was signed for", certificate, []);
        }
        try
        {
            signerInfo.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            return ("the signature value is not valid for the signer's key", certificate, []);
        }
        return (null, certificate, cms.Certificates);
    }

    // Fields of the SignedData that no signature covers and SignedCms does not check: the digest algorithms it
    // announces, and (for detached content, where SignedCms keeps the ContentInfo it was given) the content type.
    private static (IReadOnlyList<string> DigestAlgorithms, string? ContentType) UnsignedOuterFields(byte[] der)
    {
        try
        {
            var contentInfo = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            contentInfo.ReadObjectIdentifier();
            var signedData = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadSequence();
            signedData.ReadInteger();
            var digestSet = signedData.ReadSetOf();
            var digests = new List<string>();
            while (digestSet.HasData) digests.Add(digestSet.ReadSequence().ReadObjectIdentifier());
            return (digests, signedData.ReadSequence().ReadObjectIdentifier());
        }
        catch (AsnContentException)
        {
            return ([], null);
        }
    }

    private static byte[]? DigestOf(Oid algorithm, byte[] content) => algorithm.Value switch
    {
        "2.16.840.1.101.3.4.2.1" => SHA256.HashData(content),
        "2.16.840.1.101.3.4.2.2" => SHA384.HashData(content),
        "2.16.840.1.101.3.4.2.3" => SHA512.HashData(content),
        _ => null,
    };

    private bool ChainsToTrustedRoot(X509Certificate2 signer, X509Certificate2Collection embedded)
    {
        if (_trustedRoots.Count == 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_trustedRoots);
        // Revocation needs the network and a CRL or OCSP service the development CA does not have.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ExtraStore.AddRange(embedded);
        return chain.Build(signer);
    }

    private static bool LooksLikePdf(ReadOnlySpan<byte> pdf) =>
        pdf[..Math.Min(pdf.Length, 1024)].IndexOf("%PDF-"u8) >= 0 && pdf[Math.Max(0, pdf.Length - 2048)..].IndexOf("%%EOF"u8) >= 0;

    private static PdfSignatureVerification Altered(string reason, string sha, X509Certificate2? signer = null) => new(
        PdfSignatureStatus.Altered,
        "El documento fue modificado después de firmarse o su firma está dañada: no es válido.",
        $"The document was altered after signing or its signature is damaged: {reason}.",
        signer, sha);
}
