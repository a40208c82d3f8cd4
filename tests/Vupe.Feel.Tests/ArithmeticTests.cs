using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class ArithmeticTests
{
    [TestCase("1 + 2 * 3", 7)]
    [TestCase("(1 + 2) * 3", 9)]
    [TestCase("10 - 4 - 3", 3)]
    [TestCase("7 / 2", 3.5)]
    [TestCase("2 ** 10", 1024)]
    [TestCase("2 ** -1", 0.5)]
    [TestCase("-2 ** 2", 4)]
    [TestCase("2 * 3 ** 2", 18)]
    [TestCase("-(3 - 5)", 2)]
    public void NumberArithmetic(string source, decimal expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [Test]
    public void NonIntegerPowerUsesRealArithmetic() => Assert.That((decimal)Run("4 ** 0.5")!, Is.EqualTo(2m).Within(0.0000001m));

    [Test]
    public void DivisionByZeroIsNullWithDiagnostic()
    {
        var result = Diagnose("1 / 0");
        Assert.That(result.Value.IsNull, Is.True);
        Assert.That(result.Diagnostics.Single().Message, Is.EqualTo("division by zero"));
    }

    [Test]
    public void NullPropagates()
    {
        Assert.That(Eval("1 + null").IsNull, Is.True);
        Assert.That(Eval("null * 2").IsNull, Is.True);
        Assert.That(Eval("-x", ("x", null)).IsNull, Is.True);
    }

    [Test]
    public void StringConcatenation() => Assert.That(Run("\"Hola \" + name", ("name", "Ana")), Is.EqualTo("Hola Ana"));

    [Test]
    public void MixedTypesAreNullWithDiagnostic()
    {
        var result = Diagnose("1 + \"a\"");
        Assert.That(result.Value.IsNull, Is.True);
        Assert.That(result.Diagnostics.Single().Message, Is.EqualTo("cannot add number and string"));
        Assert.That(result.Diagnostics.Single().Position, Is.EqualTo(2));
    }

    [Test]
    public void OverflowIsNull() => Assert.That(Diagnose("79228162514264337593543950335 * 10").Value.IsNull, Is.True);

    [Test]
    public void DatePlusDuration()
    {
        Assert.That(Run("@\"2026-01-31\" + @\"P1D\""), Is.EqualTo(new DateOnly(2026, 2, 1)));
        Assert.That(Run("@\"2026-01-31\" + @\"P1M\""), Is.EqualTo(new DateOnly(2026, 2, 28)));
        Assert.That(Run("@\"P1Y\" + @\"2026-03-01\""), Is.EqualTo(new DateOnly(2027, 3, 1)));
        Assert.That(Run("@\"2026-03-01\" - @\"P1D\""), Is.EqualTo(new DateOnly(2026, 2, 28)));
    }

    [Test]
    public void DateMinusDateIsDaysTimeDuration() =>
        Assert.That(Run("@\"2026-03-01\" - @\"2026-02-01\""), Is.EqualTo(TimeSpan.FromDays(28)));

    [Test]
    public void DateTimeArithmetic()
    {
        Assert.That(Run("@\"2026-01-31T10:00:00\" + @\"PT90M\""), Is.EqualTo(new DateTime(2026, 1, 31, 11, 30, 0)));
        Assert.That(Run("@\"2026-01-31T10:00:00Z\" - @\"2026-01-31T08:00:00-01:00\""), Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(Run("@\"2026-01-31T10:00:00\" - @\"2026-01-30T10:00:00\""), Is.EqualTo(TimeSpan.FromDays(1)));
    }

    [Test]
    public void ZonedDateTimeCrossesDaylightSavingOnTheInstantLine()
    {
        // Europe/Madrid moves from +01:00 to +02:00 at 02:00 on 2026-03-29.
        var result = (FeelDateTime)Eval("@\"2026-03-29T01:30:00@Europe/Madrid\" + @\"PT1H\"");
        Assert.That(result.LocalDateTime, Is.EqualTo(new DateTime(2026, 3, 29, 3, 30, 0)));
        Assert.That(result.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
    }

    [Test]
    public void MixedZoneSubtractionIsNull() =>
        Assert.That(Diagnose("@\"2026-01-31T10:00:00Z\" - @\"2026-01-31T10:00:00\"").Diagnostics, Has.Count.EqualTo(1));

    [Test]
    public void DurationArithmetic()
    {
        Assert.That(Run("@\"PT1H\" * 3"), Is.EqualTo(TimeSpan.FromHours(3)));
        Assert.That(Run("2 * @\"P1D\""), Is.EqualTo(TimeSpan.FromDays(2)));
        Assert.That(Run("@\"P1D\" / 4"), Is.EqualTo(TimeSpan.FromHours(6)));
        Assert.That(Run("@\"P1D\" / @\"PT1H\""), Is.EqualTo(24m));
        Assert.That(Run("@\"P1D\" - @\"PT1H\""), Is.EqualTo(TimeSpan.FromHours(23)));
        Assert.That(((FeelYearsMonthsDuration)Eval("@\"P1Y\" * 1.5")).TotalMonths, Is.EqualTo(18));
        Assert.That(((FeelYearsMonthsDuration)Eval("@\"P1Y\" - @\"P2M\"")).TotalMonths, Is.EqualTo(10));
    }

    [Test]
    public void TimeArithmetic()
    {
        Assert.That(Run("@\"23:00:00\" + @\"PT2H\""), Is.EqualTo(new TimeOnly(1, 0)));
        Assert.That(Run("@\"10:00:00\" - @\"08:30:00\""), Is.EqualTo(TimeSpan.FromMinutes(90)));
    }
}
