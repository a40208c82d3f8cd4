using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class NumericFunctionsTests
{
    [TestCase("decimal(1/3, 2)", "0.33")]
    [TestCase("decimal(1.5, 0)", "2")]
    [TestCase("decimal(2.5, 0)", "2")]
    [TestCase("floor(1.5)", "1")]
    [TestCase("floor(-1.5)", "-2")]
    [TestCase("floor(-1.56, 1)", "-1.6")]
    [TestCase("ceiling(1.5)", "2")]
    [TestCase("ceiling(-1.5)", "-1")]
    [TestCase("round up(5.5, 0)", "6")]
    [TestCase("round up(-5.5, 0)", "-6")]
    [TestCase("round up(1.121, 2)", "1.13")]
    [TestCase("round down(5.5, 0)", "5")]
    [TestCase("round down(-5.5, 0)", "-5")]
    [TestCase("round half up(5.5, 0)", "6")]
    [TestCase("round half up(-5.5, 0)", "-6")]
    [TestCase("round half up(1.121, 2)", "1.12")]
    [TestCase("round half even(5.5, 0)", "6")]
    [TestCase("round half even(6.5, 0)", "6")]
    [TestCase("round half even(1245, -2)", "1200")]
    [TestCase("abs(-10)", "10")]
    [TestCase("modulo(12, 5)", "2")]
    [TestCase("modulo(-12, 5)", "3")]
    [TestCase("modulo(12, -5)", "-3")]
    [TestCase("modulo(10.1, 4.5)", "1.1")]
    [TestCase("sqrt(16)", "4")]
    [TestCase("exp(0)", "1")]
    [TestCase("log(1)", "0")]
    public void Numbers(string source, string expected) => Assert.That(Text(source), Is.EqualTo(expected));

    [TestCase("odd(5)", true)]
    [TestCase("odd(2)", false)]
    [TestCase("even(-2)", true)]
    [TestCase("even(3)", false)]
    public void Parity(string source, bool expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [Test]
    public void SquareRootIsPrecise() => Assert.That((decimal)Run("sqrt(2)")!, Is.EqualTo(1.4142135623730950488016887242m).Within(1e-26m));

    [Test]
    public void LogIsNatural() => Assert.That((decimal)Run("log(10)")!, Is.EqualTo(2.302585092994046m).Within(1e-12m));

    [TestCase("sqrt(-1)")]
    [TestCase("log(0)")]
    [TestCase("modulo(1, 0)")]
    [TestCase("odd(1.5)")]
    [TestCase("abs(\"x\")")]
    public void OutsideTheDomainIsNull(string source) => Assert.That(Diagnose(source), Has.Property("Value").Property("IsNull").True.And.Property("Diagnostics").Not.Empty);
}
