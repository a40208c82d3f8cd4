using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vupe.Documents.Pdf;
using Vupe.Documents.Tests.Pdf;
using Vupe.Documents.Signing;
using Vupe.Documents.Storage;
using Vupe.Documents.Verification;

namespace Vupe.Documents.Tests;

public sealed class DocumentsServiceCollectionTests
{
    [Test]
    public async Task Registered_services_issue_a_cul_the_registered_verifier_accepts()
    {
        using var dir = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vupe:Documents:Storage:RootDirectory"] = dir.File("blobs"),
            ["Vupe:Documents:Rendering:VerificationUrlTemplate"] = "https://cul.trabajo.gob.pe/v/{code}",
            ["Vupe:Documents:Signing:DevelopmentCertificateDirectory"] = dir.File("dev-ca"),
            ["Vupe:Documents:Signing:Location"] = "Cusco, Perú",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddVupeDocuments(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var pdf = provider.GetRequiredService<CulRenderer>().Render(Samples.Cul());
        var signed = await provider.GetRequiredService<PdfDocumentSigner>().SignAsync(pdf);
        var blob = await provider.GetRequiredService<IBlobStore>().PutAsync(new MemoryStream(signed), 5_000_000);
        var result = provider.GetRequiredService<PdfSignatureVerifier>().Verify(signed);

        Assert.That(result.Status, Is.EqualTo(PdfSignatureStatus.Intact), result.MessageEn);
        Assert.That(PdfText.Extract(signed).Text, Does.Contain("https://cul.trabajo.gob.pe/v/K7QF-9M2X-RT4P"));
        Assert.That(File.Exists(Path.Combine(dir.File("blobs"), blob.Sha256Hex[..2], blob.Sha256Hex[2..4], blob.Sha256Hex)), Is.True);
        Assert.That(provider.GetRequiredService<ISignatureProvider>().CertificateName, Is.EqualTo("VUPE Firma de desarrollo"));
    }
}
