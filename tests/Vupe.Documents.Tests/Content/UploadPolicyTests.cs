using Vupe.Documents.Content;

namespace Vupe.Documents.Tests.Content;

public sealed class UploadPolicyTests
{
    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj"u8.ToArray();
    private static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0];
    private readonly UploadPolicy _policy = UploadPolicy.For(DocumentKinds.DniCopy);

    [Test]
    public void Accepts_a_pdf_that_says_it_is_a_pdf()
    {
        var check = _policy.Check(Pdf, 1000, "application/pdf", "dni.PDF");
        Assert.That(check.Accepted, Is.True);
        Assert.That(check.SniffedMediaType, Is.EqualTo(MediaTypes.Pdf));
    }

    [Test]
    public void Rejects_an_executable_renamed_to_pdf_naming_its_real_type()
    {
        var check = _policy.Check(Exe, 1000, "application/pdf", "dni.pdf");
        Assert.That(check.Accepted, Is.False);
        Assert.That(check.Rejection!.Code, Is.EqualTo("type-not-allowed"));
        Assert.That(check.Rejection.SniffedMediaType, Is.EqualTo(MediaTypes.WindowsExecutable));
        Assert.That(check.Rejection.MessageEs, Does.Contain("no está permitido").And.Contain("application/x-msdownload"));
        Assert.That(check.Rejection.MessageEn, Does.Contain("not allowed"));
    }

    [Test]
    public void Rejects_an_allowed_type_declared_as_another()
    {
        var png = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0 };
        var byType = _policy.Check(png, 1000, "application/pdf", null);
        var byExtension = _policy.Check(png, 1000, null, "dni.pdf");

        Assert.That(byType.Rejection!.Code, Is.EqualTo("type-mismatch"));
        Assert.That(byType.Rejection.MessageEs, Does.Contain("no corresponde"));
        Assert.That(byExtension.Rejection!.Code, Is.EqualTo("type-mismatch"));
        Assert.That(byExtension.Rejection.MessageEs, Does.Contain(".pdf"));
    }

    [Test]
    public void Rejects_unknown_content_too_large_and_empty_files()
    {
        Assert.That(_policy.Check([1, 2, 0, 4], 4, null, null).Rejection!.SniffedMediaType, Is.EqualTo(MediaTypes.Unknown));
        Assert.That(_policy.Check(Pdf, DocumentKinds.DniCopy.MaxBytes + 1, null, null).Rejection!.Code, Is.EqualTo("too-large"));
        Assert.That(_policy.Check([], 0, null, null).Rejection!.Code, Is.EqualTo("empty"));
    }

    [Test]
    public void Catalogue_has_the_kinds_with_their_retention()
    {
        Assert.That(DocumentKinds.All.Select(k => k.Code), Is.EqualTo(new[] { "cul", "certificado-competencias", "dni-copia", "cv", "constancia", "resumen-expediente", "otro" }));
        Assert.That(DocumentKinds.Find("cul")!.RetentionPeriod, Is.EqualTo(TimeSpan.FromDays(5 * 365)));
        Assert.That(DocumentKinds.Find("cul")!.Name, Is.EqualTo("Certificado Único Laboral"));
        Assert.That(DocumentKinds.Find("nope"), Is.Null);
    }
}
