using UglyToad.PdfPig;
using Vupe.Documents.Pdf;
using Vupe.Documents.Tests.Pdf;

namespace Vupe.Documents.Tests.Signing;

public sealed class PdfDocumentSignerTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public async Task Signed_cul_is_valid_for_pdfsig_clean_for_qpdf_and_keeps_its_text()
    {
        var pdf = new CulRenderer(Samples.RenderingOptions).Render(Samples.Cul());
        var signed = await TestCertificates.Signer().SignAsync(pdf);
        var file = _dir.File("cul-signed.pdf");
        await File.WriteAllBytesAsync(file, signed);
        if (Environment.GetEnvironmentVariable("VUPE_KEEP_PDF") is { } keep) File.Copy(file, keep, overwrite: true);

        var pdfsig = await ExternalTool.PdfSigAsync(file);
        var qpdf = await ExternalTool.QpdfCheckAsync(file);
        var (text, _, width, height) = PdfText.Extract(signed);
        Assert.Multiple(() =>
        {
            Assert.That(pdfsig.Output, Does.Contain("Signature is Valid"), pdfsig.ToString());
            Assert.That(pdfsig.Output, Does.Contain("VUPE Firma de desarrollo"), pdfsig.ToString());
            Assert.That(qpdf.ExitCode, Is.Zero, qpdf.ToString());
            Assert.That(text, Does.Contain(Samples.CitizenName).And.Contain("CERTIFICADO ÚNICO LABORAL").And.Contain("K7QF-9M2X-RT4P"));
            Assert.That((width, height), Is.EqualTo((595.0, 842.0)).Using<(double, double)>((a, b) => Math.Abs(a.Item1 - b.Item1) < 1 && Math.Abs(a.Item2 - b.Item2) < 1));
        });
    }

    [Test]
    public async Task Signing_a_signed_pdf_again_is_refused()
    {
        var signer = TestCertificates.Signer();
        var signed = await signer.SignAsync(new CulRenderer(Samples.RenderingOptions).Render(Samples.Cul()));
        await Assert.ThatAsync(() => signer.SignAsync(signed), Throws.InvalidOperationException.With.Message.Contains("already signed"));
    }
}
