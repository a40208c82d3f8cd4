using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class ComparisonTests
{
    [TestCase("1 < 2", true)]
    [TestCase("2 <= 2", true)]
    [TestCase("3 > 4", false)]
    [TestCase("4 >= 4.0", true)]
    [TestCase("1 = 1.00", true)]
    [TestCase("1 != 2", true)]
    [TestCase("\"a\" < \"b\"", true)]
    [TestCase("\"abc\" = \"abc\"", true)]
    [TestCase("@\"2026-01-01\" < @\"2026-01-02\"", true)]
    [TestCase("@\"PT1H\" > @\"PT59M\"", true)]
    [TestCase("@\"P1Y\" = @\"P12M\"", true)]
    [TestCase("@\"P0D\" = @\"P0Y\"", true)]
    [TestCase("@\"10:00:00Z\" = @\"11:00:00+01:00\"", true)]
    [TestCase("@\"2026-01-01T10:00:00Z\" = @\"2026-01-01T05:00:00-05:00\"", true)]
    [TestCase("[1, 2] = [1, 2]", true)]
    [TestCase("[1, 2] = [2, 1]", false)]
    [TestCase("{a: 1, b: 2} = {b: 2, a: 1}", true)]
    [TestCase("true = true", true)]
    [TestCase("null = null", true)]
    [TestCase("1 = null", false)]
    [TestCase("null != 1", true)]
    public void Compares(string source, bool expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [TestCase("1 = \"1\"")]
    [TestCase("1 < \"a\"")]
    [TestCase("null < 1")]
    [TestCase("true < false")]
    [TestCase("@\"2026-01-01T10:00:00Z\" < @\"2026-01-01T10:00:00\"")]
    public void IncomparableIsNull(string source) => Assert.That(Eval(source).IsNull, Is.True);

    [Test]
    public void IncomparableExplainsWithPosition()
    {
        var result = Diagnose("amount < \"100\"", ("amount", 5));
        var diagnostic = result.Diagnostics.Single();
        Assert.That(diagnostic.Message, Is.EqualTo("cannot compare number with string"));
        Assert.That((diagnostic.Position, diagnostic.Line, diagnostic.Column), Is.EqualTo((7, 1, 8)));
        Assert.That(diagnostic.ToString(), Does.StartWith("position 7"));
    }

    [Test]
    public void ComparesVariables() =>
        Assert.That(Run("amount > 100 and status = \"A\"", ("amount", 150), ("status", "A")), Is.EqualTo(true));

    [TestCase(5, true)]
    [TestCase(1, true)]
    [TestCase(10, true)]
    [TestCase(11, false)]
    public void Between(int x, bool expected) => Assert.That(Run("x between 1 and 10", ("x", x)), Is.EqualTo(expected));

    [Test]
    public void BetweenDates() =>
        Assert.That(Run("@\"2026-05-01\" between @\"2026-01-01\" and @\"2026-12-31\""), Is.EqualTo(true));

    [Test]
    public void DateComparesWithDateTimeAtMidnight() =>
        Assert.That(Run("@\"2026-01-02\" > @\"2026-01-01T23:00:00\""), Is.EqualTo(true));
}
