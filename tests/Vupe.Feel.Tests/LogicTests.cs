using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class LogicTests
{
    // The three-valued tables of the spec: null is "unknown".
    [TestCase("true and true", true)]
    [TestCase("true and false", false)]
    [TestCase("false and null", false)]
    [TestCase("null and false", false)]
    [TestCase("true and null", null)]
    [TestCase("null and null", null)]
    [TestCase("true or null", true)]
    [TestCase("null or true", true)]
    [TestCase("false or false", false)]
    [TestCase("false or null", null)]
    [TestCase("1 and true", null)]
    [TestCase("\"x\" or false", null)]
    public void ThreeValuedLogic(string source, bool? expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [TestCase("not(true)", false)]
    [TestCase("not(false)", true)]
    [TestCase("not(null)", null)]
    [TestCase("not(1)", null)]
    public void Not(string source, bool? expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [Test]
    public void ShortCircuitSkipsTheRightSide()
    {
        var result = Diagnose("false and unknown > 1");
        Assert.That(result.Value, Is.SameAs(FeelBoolean.False));
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void AndBindsTighterThanOr() => Assert.That(Run("true or false and false"), Is.EqualTo(true));
}
