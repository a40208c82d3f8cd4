using System.Formats.Asn1;
using System.Security.Cryptography;
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
}
