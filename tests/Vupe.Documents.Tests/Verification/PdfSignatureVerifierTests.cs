using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Vupe.Documents.Pdf;
using Vupe.Documents.Signing;
using Vupe.Documents.Verification;

namespace Vupe.Documents.Tests.Verification;

public sealed class PdfSignatureVerifierTests
{
    private static byte[]? _signed;
    private TempDirectory _dir = null!;
    private readonly PdfSignatureVerifier _verifier = new([TestCertificates.Development.Root]);

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static async Task<byte[]> SignedCulAsync() =>
        _signed ??= await TestCertificates.Signer().SignAsync(new CulRenderer(Samples.RenderingOptions).Render(Samples.Cul()));

    private static (int GapStart, int GapEnd) SignatureGap(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var numbers = text[(text.LastIndexOf("/ByteRange", StringComparison.Ordinal) + 10)..].TrimStart(' ', '[').Split(' ', ']')
            .Where(s => s.Length > 0).Take(4).Select(int.Parse).ToArray();
        return (numbers[1], numbers[2]);
    }

    [Test]
    public async Task Signed_cul_is_intact_with_its_signer()
    {
        var result = _verifier.Verify(await SignedCulAsync());

        Assert.That(result.Status, Is.EqualTo(PdfSignatureStatus.Intact), result.MessageEn);
        Assert.That(result.SignerName, Is.EqualTo("VUPE Firma de desarrollo"));
        Assert.That(result.MessageEs, Does.Contain("auténtico"));
        Assert.That(result.DocumentSha256, Is.EqualTo(Sha256.Hex(await SignedCulAsync())));
    }

    [Test]
    public async Task One_changed_byte_is_altered_for_us_and_for_pdfsig()
    {
        var tampered = (byte[])(await SignedCulAsync()).Clone();
        var (gapStart, _) = SignatureGap(tampered);
        tampered[gapStart / 2] ^= 0x01;
        var file = _dir.File("tampered.pdf");
        await File.WriteAllBytesAsync(file, tampered);

        var ours = _verifier.Verify(tampered);
        var pdfsig = await ExternalTool.PdfSigAsync(file);

        Assert.That(ours.Status, Is.EqualTo(PdfSignatureStatus.Altered), ours.MessageEn);
        Assert.That(ours.MessageEn, Does.Contain("do not match"));
        Assert.That(pdfsig.Output, Does.Not.Contain("Signature is Valid"), pdfsig.ToString());
        Assert.That(pdfsig.Output, Does.Contain("Digest Mismatch").Or.Contain("Invalid").Or.Contain("not valid"), pdfsig.ToString());
    }

    [Test]
    public async Task A_changed_byte_anywhere_in_the_file_is_altered()
    {
        var signed = await SignedCulAsync();
        var (gapStart, gapEnd) = SignatureGap(signed);
        // Every 61st byte outside the signature's hex, plus both ends of both ranges and both ends of the hex.
        var positions = Enumerable.Range(0, signed.Length).Where(i => i % 61 == 0)
            .Concat([0, gapStart - 1, gapStart, gapStart + 1, gapEnd - 2, gapEnd - 1, gapEnd, signed.Length - 1]).Distinct();
        var notAltered = new List<string>();
        foreach (var position in positions)
        {
            var tampered = (byte[])signed.Clone();
            tampered[position] = tampered[position] == (byte)'0' ? (byte)'1' : (byte)'0';
            var result = _verifier.Verify(tampered);
            if (result.Status != PdfSignatureStatus.Altered) notAltered.Add($"{position} (hex offset {position - gapStart - 1}, around {Encoding.ASCII.GetString(signed, Math.Max(gapStart, position - 24), 48)}): {result.Status} {result.MessageEn}");
        }
        Assert.That(notAltered, Is.Empty);
    }

    [Test]
    public async Task Bytes_appended_after_the_signature_are_not_intact()
    {
        var appended = (await SignedCulAsync()).Concat(Encoding.ASCII.GetBytes("\n% added later\n")).ToArray();
        var result = _verifier.Verify(appended);

        Assert.That(result.Status, Is.EqualTo(PdfSignatureStatus.Altered));
        Assert.That(result.MessageEn, Does.Contain("added after"));
    }

    [Test]
    public void Unsigned_pdf_is_not_signed()
    {
        var result = _verifier.Verify(new CulRenderer(Samples.RenderingOptions).Render(Samples.Cul()));
        Assert.That(result.Status, Is.EqualTo(PdfSignatureStatus.NotSigned));
    }

    [TestCase("")]
    [TestCase("hello, not a pdf")]
    [TestCase("%PDF-1.7 /ByteRange [0 10 20 5] truncated")]
    [TestCase("%PDF-1.7 /ByteRange [0 999999999999999 20 5]")]
    [TestCase("/ByteRange [")]
    public void Garbage_gets_a_status_never_an_exception(string content)
    {
        var result = _verifier.Verify(Encoding.ASCII.GetBytes(content));
        Assert.That(result.Status, Is.AnyOf(PdfSignatureStatus.Malformed, PdfSignatureStatus.Altered));
    }

    [Test]
    public void Random_bytes_are_malformed()
    {
        var random = new Random(7);
        var bytes = new byte[5000];
        random.NextBytes(bytes);
        Assert.That(_verifier.Verify(bytes).Status, Is.EqualTo(PdfSignatureStatus.Malformed));
    }

    [Test]
    public async Task Signature_from_another_authority_is_untrusted()
    {
        var other = new DevelopmentCertificateAuthority(NullLogger<DevelopmentCertificateAuthority>.Instance)
            .GetOrCreate(_dir.File("other-ca"));
        var signed = await TestCertificates.Signer(new CmsSignatureProvider(other.Signing))
            .SignAsync(new CulRenderer(Samples.RenderingOptions).Render(Samples.Cul()));

        var result = _verifier.Verify(signed);

        Assert.That(result.Status, Is.EqualTo(PdfSignatureStatus.UntrustedSigner), result.MessageEn);
        Assert.That(new PdfSignatureVerifier([other.Root]).Verify(signed).Status, Is.EqualTo(PdfSignatureStatus.Intact));
        Assert.That(new PdfSignatureVerifier([]).Verify(signed).Status, Is.EqualTo(PdfSignatureStatus.UntrustedSigner));
    }
}
