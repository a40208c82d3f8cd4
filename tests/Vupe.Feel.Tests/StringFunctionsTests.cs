using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class StringFunctionsTests
{
    [TestCase("substring(\"foobar\", 3)", "obar")]
    [TestCase("substring(\"foobar\", 3, 3)", "oba")]
    [TestCase("substring(\"foobar\", -2, 1)", "a")]
    [TestCase("substring(\"f\U0001F600o\", 2, 1)", "\U0001F600")]
    [TestCase("upper case(\"aBc4\")", "ABC4")]
    [TestCase("lower case(\"aBc4\")", "abc4")]
    [TestCase("substring before(\"foobar\", \"bar\")", "foo")]
    [TestCase("substring before(\"foobar\", \"xyz\")", "")]
    [TestCase("substring after(\"foobar\", \"ob\")", "ar")]
    [TestCase("substring after(\"\", \"a\")", "")]
    [TestCase("replace(\"abcd\", \"(ab)|(a)\", \"[1=$1][2=$2]\")", "[1=ab][2=]cd")]
    [TestCase("replace(\"Abc\", \"a\", \"x\", \"i\")", "xbc")]
    [TestCase("string join([\"a\", \"b\", \"c\"], \", \")", "a, b, c")]
    [TestCase("string join([\"a\", null, \"c\"])", "ac")]
    public void StringResults(string source, string expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [TestCase("contains(\"foobar\", \"of\")", false)]
    [TestCase("contains(\"foobar\", \"oba\")", true)]
    [TestCase("starts with(\"foobar\", \"fo\")", true)]
    [TestCase("ends with(\"foobar\", \"r\")", true)]
    [TestCase("matches(\"foobar\", \"^fo*b\")", true)]
    [TestCase("matches(\"FOOBAR\", \"^fo*b\", \"i\")", true)]
    [TestCase("matches(\"DNI 12345678\", \"[0-9]{8}$\")", true)]
    public void StringTests(string source, bool expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [Test]
    public void StringLengthCountsCodePoints()
    {
        Assert.That(Run("string length(\"tes\")"), Is.EqualTo(3m));
        Assert.That(Run("string length(\"\U0001F600\")"), Is.EqualTo(1m));
    }

    [Test]
    public void Split() =>
        Assert.That(Run("split(\"John Doe\", \"\\s\")"), Is.EqualTo(new List<object?> { "John", "Doe" }));

    [Test]
    public void WrongArgumentTypeExplainsNull()
    {
        var result = Diagnose("upper case(5)");
        Assert.That(result.Value.IsNull, Is.True);
        Assert.That(result.Diagnostics.Single().Message, Is.EqualTo("upper case: 'string' must be a string but was number 5"));
    }

    [Test]
    public void InvalidRegexIsNull() => Assert.That(Diagnose("matches(\"a\", \"(\")").Value.IsNull, Is.True);
}
