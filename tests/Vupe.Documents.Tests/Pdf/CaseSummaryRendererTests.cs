using Vupe.Documents.Pdf;

namespace Vupe.Documents.Tests.Pdf;

public sealed class CaseSummaryRendererTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public async Task Long_history_spans_several_pages_and_passes_qpdf()
    {
        var pdf = new CaseSummaryRenderer(Samples.RenderingOptions).Render(Samples.CaseSummary(200), Samples.IssuedAt);
        var file = _dir.File("resumen.pdf");
        await File.WriteAllBytesAsync(file, pdf);

        var qpdf = await ExternalTool.QpdfCheckAsync(file);
        var (text, pages, _, _) = PdfText.Extract(pdf);
        Assert.That(qpdf.ExitCode, Is.Zero, qpdf.ToString());
        Assert.That(pages, Is.GreaterThan(3));
        Assert.That(text, Does.Contain("RESUMEN DE EXPEDIENTE").And.Contain("EXP-2025-LIM-004567").And.Contain("Consultora María").And.Contain("Núñez"));
        Assert.That(text, Does.Contain($"Página {pages} de {pages}"));
        Assert.That(text, Does.Contain("Paso 199"), "the last row is on the last page");
    }

    [Test]
    public void Empty_history_is_one_page()
    {
        var pdf = new CaseSummaryRenderer(Samples.RenderingOptions).Render(Samples.CaseSummary(0), Samples.IssuedAt);
        var (text, pages, _, _) = PdfText.Extract(pdf);
        Assert.That(pages, Is.EqualTo(1));
        Assert.That(text, Does.Contain("no tiene registros"));
    }
}
