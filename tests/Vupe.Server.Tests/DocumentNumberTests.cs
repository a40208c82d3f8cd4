using Vupe.Server.Parties;

namespace Vupe.Server.Tests;

public sealed class DocumentNumberTests
{
    [TestCase("10117410", '2')]
    [TestCase("10117410", 'G')]
    [TestCase("10117410", 'g')]
    public void The_domain_facts_example_DNI_checks_with_its_digit_or_letter(string dni, char check) =>
        Assert.That(DocumentNumbers.IsValidDniCheck(dni, check), Is.True);

    [TestCase("10117410", '3')]
    [TestCase("10117410", 'K')]
    [TestCase("1011741", '2')]
    [TestCase("1011741A", '2')]
    public void A_wrong_check_character_or_malformed_DNI_is_rejected(string dni, char check) =>
        Assert.That(DocumentNumbers.IsValidDniCheck(dni, check), Is.False);

    [Test]
    public void Check_characters_follow_the_weights_3_2_7_6_5_4_3_2()
    {
        // 00000001: sum = 1*2 = 2 → index 2 → digit '4', letter 'I'.
        Assert.That(DocumentNumbers.DniCheck("00000001"), Is.EqualTo(('4', 'I')));
        Assert.That(DocumentNumbers.DniCheck("10117410"), Is.EqualTo(('2', 'G')));
    }

    [TestCase("20512333797")]
    [TestCase("10441348521")]
    [TestCase("20131312955")]
    [TestCase("10082226341")]
    public void Known_valid_RUCs_pass(string ruc) => Assert.That(DocumentNumbers.IsValidRuc(ruc), Is.True);

    [TestCase("20512333798", TestName = "wrong check digit")]
    [TestCase("30512333797", TestName = "unknown prefix")]
    [TestCase("2051233379", TestName = "ten digits")]
    [TestCase("2051233379A", TestName = "a letter")]
    public void Invalid_RUCs_fail(string ruc) => Assert.That(DocumentNumbers.IsValidRuc(ruc), Is.False);

    [Test]
    public void Normalise_explains_what_is_wrong_in_Spanish()
    {
        Assert.That(DocumentNumbers.Normalise(DocumentType.Dni, "10117410", "K").Error, Is.EqualTo("El carácter de verificación no corresponde al DNI."));
        Assert.That(DocumentNumbers.Normalise(DocumentType.Dni, "1011741").Error, Is.EqualTo("El DNI tiene 8 dígitos."));
        Assert.That(DocumentNumbers.Normalise(DocumentType.Dni, " 10117410-G ").Number, Is.EqualTo("10117410"), "typed with the check character after a dash");
        Assert.That(DocumentNumbers.Normalise(DocumentType.Ruc, "20512333798").Error, Is.EqualTo("El dígito verificador del RUC no es válido."));
        Assert.That(DocumentNumbers.Normalise(DocumentType.CarneExtranjeria, "CE-0012345").Number, Is.EqualTo("CE0012345"));
        Assert.That(DocumentNumbers.Normalise(DocumentType.CarneExtranjeria, "1234567890123").Error, Is.Not.Null);
    }

    [Test]
    public void Names_fold_for_accent_insensitive_search() =>
        Assert.That(TextFolding.Fold("  José   ÑAHUI  Güimac "), Is.EqualTo("jose nahui guimac"));
}
