using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vupe.Documents.Signing;

namespace Vupe.Documents.Tests;

/// <summary>One development CA per test run (RSA key generation is slow), in a directory removed at the end.</summary>
[SetUpFixture]
public sealed class TestCertificates
{
    private static TempDirectory? _directory;
    private static DevelopmentCertificates? _development;

    public static DevelopmentCertificates Development => _development ??= CreateDevelopment();

    public static string Directory => (_directory ??= new TempDirectory()).Path;

    public static PdfDocumentSigner Signer(ISignatureProvider? provider = null) => new(
        provider ?? new CmsSignatureProvider(Development.Signing),
        Options.Create(new PdfSigningOptions()),
        NullLogger<PdfDocumentSigner>.Instance);

    [OneTimeTearDown]
    public void RemoveDirectory() => _directory?.Dispose();

    private static DevelopmentCertificates CreateDevelopment() =>
        new DevelopmentCertificateAuthority(NullLogger<DevelopmentCertificateAuthority>.Instance)
            .GetOrCreate(System.IO.Path.Combine(Directory, "dev-ca"));
}
