using Vupe.Documents.Pdf;

namespace Vupe.Documents.Tests.Pdf;

public sealed class VerificationCodeTests
{
    [Test]
    public void New_codes_are_grouped_crockford_base32_and_round_trip()
    {
        var codes = Enumerable.Range(0, 500).Select(_ => VerificationCode.New()).ToList();
        Assert.That(codes.Distinct().Count(), Is.EqualTo(codes.Count));
        foreach (var code in codes)
        {
            Assert.That(code.ToString(), Does.Match("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"));
            Assert.That(VerificationCode.Parse(code.ToString()), Is.EqualTo(code));
        }
    }

    [TestCase("K7QF-9M2X-RT4P")]
    [TestCase("k7qf9m2xrt4p")]
    [TestCase(" K7QF 9M2X RT4P ")]
    public void Parsing_accepts_lower_case_and_missing_dashes(string typed) =>
        Assert.That(VerificationCode.Parse(typed).ToString(), Is.EqualTo("K7QF-9M2X-RT4P"));

    [Test]
    public void Parsing_reads_the_crockford_confusables()
    {
        Assert.That(VerificationCode.Parse("O0OO-IiLl-1111").Value, Is.EqualTo("000011111111"));
        Assert.That(VerificationCode.Parse("AB0C-D1EF-GH1J").ToString(), Is.EqualTo(VerificationCode.Parse("ABoC-DlEF-GHIJ").ToString()));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("K7QF-9M2X-RT4")]
    [TestCase("K7QF-9M2X-RT4PP")]
    [TestCase("K7QF-9M2X-RT4U")]
    [TestCase("K7QF_9M2X_RT4P")]
    public void Parsing_rejects_anything_else(string? typed)
    {
        Assert.That(VerificationCode.TryParse(typed, out _), Is.False);
        Assert.That(() => VerificationCode.Parse(typed!), Throws.InstanceOf<Exception>());
    }
}
