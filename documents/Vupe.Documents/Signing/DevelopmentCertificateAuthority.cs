using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Vupe.Documents.Signing;

/// <summary>The development root and the signing certificate it issued (with its private key).</summary>
public sealed record DevelopmentCertificates(X509Certificate2 Root, X509Certificate2 Signing);

/// <summary>
/// A local certificate authority for machines without a real signing certificate: on first use it creates a
/// root (RSA 3072) and a signing certificate issued by it, saves both as PFX files, and reuses them on every
/// later run so documents signed yesterday still verify today. Never for production: the key sits on disk
/// unprotected and no one outside this installation trusts the root.
/// </summary>
public sealed partial class DevelopmentCertificateAuthority
{
    public const string RootFileName = "vupe-dev-root.pfx";
    public const string RootCertificateFileName = "vupe-dev-root.cer";
    public const string SigningFileName = "vupe-dev-signing.pfx";

    private const string Organization = "O=Ministerio de Trabajo y Promoción del Empleo (desarrollo), C=PE";
    private static readonly Lock Gate = new();
    private readonly ILogger<DevelopmentCertificateAuthority> _logger;

    public DevelopmentCertificateAuthority(ILogger<DevelopmentCertificateAuthority> logger) => _logger = logger;

    public DevelopmentCertificates GetOrCreate(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        lock (Gate)
        {
            var rootPath = Path.Combine(directory, RootFileName);
            var signingPath = Path.Combine(directory, SigningFileName);
            DevelopmentCertificates certificates;
            if (File.Exists(rootPath) && File.Exists(signingPath))
            {
                certificates = new DevelopmentCertificates(
                    X509CertificateLoader.LoadPkcs12FromFile(rootPath, password: null),
                    X509CertificateLoader.LoadPkcs12FromFile(signingPath, password: null));
            }
            else
            {
                certificates = Create();
                Directory.CreateDirectory(directory);
                WritePrivate(rootPath, certificates.Root.Export(X509ContentType.Pkcs12));
                WritePrivate(signingPath, certificates.Signing.Export(X509ContentType.Pkcs12));
                File.WriteAllBytes(Path.Combine(directory, RootCertificateFileName), certificates.Root.Export(X509ContentType.Cert));
                LogCreated(Path.GetFullPath(directory));
            }
            LogInUse(certificates.Signing.Subject, certificates.Signing.Thumbprint);
            return certificates;
        }
    }

    private static DevelopmentCertificates Create()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var rootKey = RSA.Create(3072);
        var rootRequest = new CertificateRequest($"CN=VUPE Autoridad de certificación de desarrollo, {Organization}", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, critical: false));
        using var root = rootRequest.CreateSelfSigned(now, now.AddYears(20));

        using var signingKey = RSA.Create(3072);
        var signingRequest = new CertificateRequest($"CN=VUPE Firma de desarrollo, {Organization}", signingKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        signingRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        signingRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        signingRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(signingRequest.PublicKey, critical: false));
        signingRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        using var issued = signingRequest.Create(root, now, now.AddYears(5), serial);
        using var signing = issued.CopyWithPrivateKey(signingKey);
        // Round-trip through PKCS#12 so the keys are usable independently of the disposed RSA objects.
        return new DevelopmentCertificates(
            X509CertificateLoader.LoadPkcs12(root.Export(X509ContentType.Pkcs12), password: null),
            X509CertificateLoader.LoadPkcs12(signing.Export(X509ContentType.Pkcs12), password: null));
    }

    // Written beside the target and renamed, so a concurrent reader never sees half a file; readable by the owner only.
    private static void WritePrivate(string path, byte[] bytes)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temp, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created a DEVELOPMENT certificate authority in {Directory}. Documents signed with it are not trusted outside this installation; configure Vupe:Documents:Signing:PfxPath or Thumbprint for production.")]
    private partial void LogCreated(string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing documents with a DEVELOPMENT certificate ({Subject}, {Thumbprint}); not valid for production use")]
    private partial void LogInUse(string subject, string thumbprint);
}
