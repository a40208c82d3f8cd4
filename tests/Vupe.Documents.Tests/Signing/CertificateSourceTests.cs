using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vupe.Documents.Signing;

namespace Vupe.Documents.Tests.Signing;

public sealed class CertificateSourceTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static SigningCertificateSource Source(SigningCertificateOptions options) => new(
        Options.Create(options),
        new DevelopmentCertificateAuthority(NullLogger<DevelopmentCertificateAuthority>.Instance),
        NullLogger<SigningCertificateSource>.Instance);

    [Test]
    public void Development_ca_is_created_on_first_run_and_reused_afterwards()
    {
        var directory = _dir.File("dev");
        var first = Source(new SigningCertificateOptions { DevelopmentCertificateDirectory = directory });
        var firstThumbprint = first.Provider.Certificate.Thumbprint;

        Assert.That(File.Exists(Path.Combine(directory, DevelopmentCertificateAuthority.RootFileName)), Is.True);
        Assert.That(File.Exists(Path.Combine(directory, DevelopmentCertificateAuthority.SigningFileName)), Is.True);
        Assert.That(File.Exists(Path.Combine(directory, DevelopmentCertificateAuthority.RootCertificateFileName)), Is.True);

        var second = Source(new SigningCertificateOptions { DevelopmentCertificateDirectory = directory });
        Assert.That(second.Provider.Certificate.Thumbprint, Is.EqualTo(firstThumbprint));
        Assert.That(second.DevelopmentRoot!.Thumbprint, Is.EqualTo(first.DevelopmentRoot!.Thumbprint));
    }

    [Test]
    public void Development_signing_certificate_is_issued_by_the_root_for_signing_only()
    {
        var development = TestCertificates.Development;
        var usage = development.Signing.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;

        Assert.That(development.Signing.Issuer, Is.EqualTo(development.Root.Subject));
        Assert.That(development.Signing.Subject, Does.StartWith("CN=VUPE Firma de desarrollo, O=Ministerio de Trabajo y Promoción del Empleo (desarrollo)"));
        Assert.That(usage, Is.EqualTo(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation));
        Assert.That(development.Signing.HasPrivateKey, Is.True);
        Assert.That(development.Signing.GetRSAPublicKey()!.KeySize, Is.EqualTo(3072));
    }

    [Test]
    public async Task Pfx_from_options_is_used_and_signs_a_valid_pdf()
    {
        var pfx = _dir.File("signer.pfx");
        await File.WriteAllBytesAsync(pfx, TestCertificates.Development.Signing.Export(X509ContentType.Pkcs12, "clave-secreta"));

        var source = Source(new SigningCertificateOptions { PfxPath = pfx, PfxPassword = "clave-secreta", DevelopmentCertificateDirectory = _dir.File("unused") });

        Assert.That(source.Provider.Certificate.Thumbprint, Is.EqualTo(TestCertificates.Development.Signing.Thumbprint));
        Assert.That(source.DevelopmentRoot, Is.Null);
        Assert.That(Directory.Exists(_dir.File("unused")), Is.False, "no development CA when a certificate is configured");
        var signed = await TestCertificates.Signer(source.Provider).SignAsync(new Vupe.Documents.Pdf.CulRenderer(Samples.RenderingOptions).Render(Samples.Cul()));
        var file = _dir.File("signed.pdf");
        await File.WriteAllBytesAsync(file, signed);
        Assert.That((await ExternalTool.PdfSigAsync(file)).Output, Does.Contain("Signature is Valid"));
    }

    [Test]
    public void Missing_certificate_without_development_fallback_is_a_clear_error()
    {
        var source = Source(new SigningCertificateOptions { AllowDevelopmentCertificate = false });
        Assert.That(() => source.Provider, Throws.InvalidOperationException.With.Message.Contains("No signing certificate is configured"));
        var missing = Source(new SigningCertificateOptions { PfxPath = _dir.File("nope.pfx") });
        Assert.That(() => missing.Provider, Throws.InvalidOperationException.With.Message.Contains("does not exist"));
    }
}
