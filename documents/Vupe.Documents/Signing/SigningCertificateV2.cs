using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Vupe.Documents.Signing;

/// <summary>
/// The ESS signing-certificate-v2 attribute (RFC 5035) that PAdES B-B requires: it binds the signature to the
/// signer's certificate by hash, so a different certificate with the same key cannot be swapped in.
/// </summary>
internal static class SigningCertificateV2
{
    public const string Oid = "1.2.840.113549.1.9.16.2.47";

    public static AsnEncodedData Create(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence()) // SigningCertificateV2
        {
            using (writer.PushSequence()) // certs SEQUENCE OF ESSCertIDv2
            {
                using (writer.PushSequence()) // ESSCertIDv2; hashAlgorithm omitted: its DEFAULT is SHA-256
                {
                    writer.WriteOctetString(SHA256.HashData(certificate.RawData));
                    using (writer.PushSequence()) // IssuerSerial
                    {
                        using (writer.PushSequence()) // GeneralNames
                        {
                            var directoryName = new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true);
                            using (writer.PushSequence(directoryName))
                            {
                                writer.WriteEncodedValue(certificate.IssuerName.RawData);
                            }
                        }
                        writer.WriteInteger(certificate.SerialNumberBytes.Span);
                    }
                }
            }
        }
        return new AsnEncodedData(Oid, writer.Encode());
    }

    /// <summary>
    /// When the signer carries the attribute, the certificate found in the CMS must be the one it names (by hash);
    /// signatures without it (older signers) are accepted on the signature value alone.
    /// </summary>
    public static bool Matches(SignerInfo signerInfo, X509Certificate2 certificate)
    {
        var attribute = signerInfo.SignedAttributes.Cast<CryptographicAttributeObject>().FirstOrDefault(a => a.Oid.Value == Oid);
        if (attribute is null) return true;
        try
        {
            foreach (var value in attribute.Values)
            {
                var reader = new AsnReader(value.RawData, AsnEncodingRules.DER).ReadSequence();
                var certs = reader.ReadSequence();
                var first = certs.ReadSequence();
                var algorithm = HashAlgorithmName.SHA256;
                if (first.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
                {
                    var identifier = first.ReadSequence().ReadObjectIdentifier();
                    algorithm = identifier switch
                    {
                        "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
                        "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
                        "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
                        _ => default,
                    };
                    if (algorithm == default) return false;
                }
                var hash = first.ReadOctetString();
                var actual = algorithm == HashAlgorithmName.SHA256 ? SHA256.HashData(certificate.RawData)
                    : algorithm == HashAlgorithmName.SHA384 ? SHA384.HashData(certificate.RawData)
                    : SHA512.HashData(certificate.RawData);
                if (!CryptographicOperations.FixedTimeEquals(hash, actual)) return false;
            }
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
