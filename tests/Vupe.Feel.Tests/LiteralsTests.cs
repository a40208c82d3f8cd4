using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class LiteralsTests
{
    [TestCase("42", 42)]
    [TestCase("3.25", 3.25)]
    [TestCase(".5", 0.5)]
    [TestCase("-7", -7)]
    [TestCase("- 1.5", -1.5)]
    public void NumbersAreDecimals(string source, decimal expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [Test]
    public void DecimalArithmeticIsExact() => Assert.That(Run("0.1 + 0.2 = 0.3"), Is.EqualTo(true));

    [TestCase("\"hello\"", "hello")]
    [TestCase("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [TestCase("\"a\\\\b\"", "a\\b")]
    [TestCase("\"line\\nbreak\"", "line\nbreak")]
    [TestCase("\"\\u0041BC\"", "ABC")]
    [TestCase("\"\\U01F600\"", "\U0001F600")]
    [TestCase("\"\"", "")]
    [TestCase("\"\\d+\"", "\\d+")]
    public void StringsWithEscapes(string source, string expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [Test]
    public void BooleansAndNull()
    {
        Assert.That(Eval("true"), Is.SameAs(FeelBoolean.True));
        Assert.That(Eval("false"), Is.SameAs(FeelBoolean.False));
        Assert.That(Eval("null").IsNull, Is.True);
    }

    [Test]
    public void DateLiteral() => Assert.That(Run("@\"2026-01-01\""), Is.EqualTo(new DateOnly(2026, 1, 1)));

    [Test]
    public void TimeLiteral() => Assert.That(Run("@\"10:30:15\""), Is.EqualTo(new TimeOnly(10, 30, 15)));

    [Test]
    public void DateTimeLiterals()
    {
        Assert.That(Run("@\"2026-01-31T10:00:00\""), Is.EqualTo(new DateTime(2026, 1, 31, 10, 0, 0)));
        Assert.That(Run("@\"2026-01-31T10:00:00Z\""), Is.EqualTo(new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(Run("@\"2026-01-31T10:00:00-05:00\""), Is.EqualTo(new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.FromHours(-5))));
        var zoned = (FeelDateTime)Eval("@\"2026-01-31T10:00:00@America/Lima\"");
        Assert.That(zoned.ZoneId, Is.EqualTo("America/Lima"));
        Assert.That(zoned.Offset, Is.EqualTo(TimeSpan.FromHours(-5)));
    }

    [Test]
    public void DurationLiterals()
    {
        Assert.That(Run("@\"P1DT2H30M\""), Is.EqualTo(new TimeSpan(1, 2, 30, 0)));
        Assert.That(((FeelYearsMonthsDuration)Eval("@\"P1Y2M\"")).TotalMonths, Is.EqualTo(14));
        Assert.That(Run("@\"-PT1H\""), Is.EqualTo(TimeSpan.FromHours(-1)));
    }

    [Test]
    public void ListLiterals()
    {
        Assert.That(Run("[1, 2, 3]"), Is.EqualTo(new List<object?> { 1m, 2m, 3m }));
        Assert.That(Run("[]"), Is.Empty);
        Assert.That(Run("[[1], \"a\", null]"), Is.EqualTo(new List<object?> { new List<object?> { 1m }, "a", null }));
    }

    [Test]
    public void ContextLiterals()
    {
        var result = (Dictionary<string, object?>)Run("{a: 1, \"b c\": 2, first name: \"Ana\"}")!;
        Assert.That(result.Keys, Is.EqualTo(new[] { "a", "b c", "first name" }));
        Assert.That(result["b c"], Is.EqualTo(2m));
        Assert.That(result["first name"], Is.EqualTo("Ana"));
    }

    [Test]
    public void ContextEntriesSeeEarlierEntries() =>
        Assert.That(Run("{a: 2, b: a * 10, c: b + 1}.c"), Is.EqualTo(21m));

    [Test]
    public void Comments() => Assert.That(Run("1 + /* two */ 2 // three\n"), Is.EqualTo(3m));

    [Test]
    public void ToStringWritesLiterals()
    {
        Assert.That(Text("[1.50, \"x\", @\"2026-01-01\", {a: true}]"), Is.EqualTo("[1.5, \"x\", @\"2026-01-01\", {a: true}]"));
    }
}
