using Vupe.Documents.Pdf;

namespace Vupe.Documents.Tests.Pdf;

public sealed class CulRendererTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public async Task Renders_an_a4_certificate_with_accents_that_passes_qpdf()
    {
        var pdf = new CulRenderer(Samples.RenderingOptions).Render(Samples.Cul());
        var file = _dir.File("cul.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        if (Environment.GetEnvironmentVariable("VUPE_KEEP_PDF") is { } keep) File.Copy(file, keep, overwrite: true);

        var qpdf = await ExternalTool.QpdfCheckAsync(file);
        Assert.That(qpdf.ExitCode, Is.Zero, qpdf.ToString());
        var (text, pages, width, height) = PdfText.Extract(pdf);
        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(1));
            Assert.That(width, Is.EqualTo(595).Within(1));
            Assert.That(height, Is.EqualTo(842).Within(1));
            Assert.That(text, Does.Contain(Samples.CitizenName));
            Assert.That(text, Does.Contain("CERTIFICADO ÚNICO LABORAL"));
            Assert.That(text, Does.Contain("K7QF-9M2X-RT4P"));
            Assert.That(text, Does.Contain("Ministerio de Trabajo y Promoción del Empleo"));
            Assert.That(text, Does.Contain("Ventanilla Única de Promoción del Empleo"));
            Assert.That(text, Does.Contain("No registra antecedentes."));
            Assert.That(text, Does.Contain("¿Desea comprobar su").And.Contain("¡Cualquier"));
            Assert.That(text, Does.Contain("https://vupe.example.pe/verificar/K7QF-9M2X-RT4P"));
        });
    }
}
