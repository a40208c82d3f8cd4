using System.Text;
using Vupe.Documents.Pdf;
using Vupe.Documents.Verification;

namespace Vupe.Documents.Tests.Verification;

/// <summary>
/// The signature's own bytes (the /Contents hex) lie outside the signed ranges; this sweep changes every hex digit
/// of the CMS three ways and expects Altered each time. About 13,000 verifications (~12 s), so run on demand:
/// <c>dotnet test tests/Vupe.Documents.Tests --filter SignatureContentsSweep</c>.
/// </summary>
public sealed class SignatureContentsSweepTests
{
    [Test, Explicit("about 12 s; run after changing the verifier")]
    public async Task Every_changed_hex_digit_of_the_signature_is_altered()
    {
        var signed = await TestCertificates.Signer().SignAsync(new CulRenderer(Samples.RenderingOptions).Render(Samples.Cul()));
        var text = Encoding.Latin1.GetString(signed);
        var start = text.LastIndexOf("/Contents<", StringComparison.Ordinal) + "/Contents<".Length;
        var end = text.IndexOf(new string('0', 32), start, StringComparison.Ordinal) + 4; // into the zero padding
        var verifier = new PdfSignatureVerifier([TestCertificates.Development.Root]);
        var notAltered = new List<string>();
        for (var position = start; position < end; position++)
        {
            foreach (var replacement in "01F"u8.ToArray())
            {
                if (signed[position] == replacement) continue;
                var tampered = (byte[])signed.Clone();
                tampered[position] = replacement;
                var status = verifier.Verify(tampered).Status;
                if (status != PdfSignatureStatus.Altered) notAltered.Add($"hex {position - start}→{(char)replacement}: {status}");
            }
        }
        Assert.That(notAltered, Is.Empty);
    }
}
