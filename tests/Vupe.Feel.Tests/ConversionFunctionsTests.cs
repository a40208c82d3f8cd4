using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class ConversionFunctionsTests
{
    [TestCase("string(1.10)", "1.1")]
    [TestCase("string(true)", "true")]
    [TestCase("string(\"a\")", "a")]
    [TestCase("string(date(2026, 1, 5))", "2026-01-05")]
    [TestCase("string(@\"2026-01-05T10:00:00Z\")", "2026-01-05T10:00:00Z")]
    [TestCase("string(@\"2026-01-05T10:00:00.25+05:30\")", "2026-01-05T10:00:00.25+05:30")]
    [TestCase("string(@\"2026-01-05T10:00:00@Europe/Paris\")", "2026-01-05T10:00:00@Europe/Paris")]
    [TestCase("string(duration(\"P1DT2H\"))", "P1DT2H")]
    [TestCase("string(duration(\"-PT90M\"))", "-PT1H30M")]
    [TestCase("string(duration(\"P14M\"))", "P1Y2M")]
    [TestCase("string(@\"PT0S\")", "PT0S")]
    [TestCase("string([1, \"a\"])", "[1, \"a\"]")]
    [TestCase("string(time(10, 30, 0, duration(\"PT1H\")))", "10:30:00+01:00")]
    public void ToString(string source, string expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [Test]
    public void StringOfNullIsNull() => Assert.That(Eval("string(null)").IsNull, Is.True);

    [TestCase("number(\"1,000.5\", \",\", \".\")", 1000.5)]
    [TestCase("number(\"1.000,5\", \".\", \",\")", 1000.5)]
    [TestCase("number(\"1 000\", \" \", null)", 1000)]
    [TestCase("number(\"-12.5\")", -12.5)]
    [TestCase("number(\"1.2e3\")", 1200)]
    public void Number(string source, decimal expected) => Assert.That(Run(source), Is.EqualTo(expected));

    [Test]
    public void NumberOfNonNumberIsNull() => Assert.That(Eval("number(\"abc\")").IsNull, Is.True);

    [Test]
    public void Dates()
    {
        Assert.That(Run("date(\"2026-02-28\")"), Is.EqualTo(new DateOnly(2026, 2, 28)));
        Assert.That(Run("date(2026, 2, 28)"), Is.EqualTo(new DateOnly(2026, 2, 28)));
        Assert.That(Run("date(@\"2026-02-28T23:00:00Z\")"), Is.EqualTo(new DateOnly(2026, 2, 28)));
        Assert.That(Eval("date(2026, 2, 30)").IsNull, Is.True);
        Assert.That(Eval("date(\"2026-13-01\")").IsNull, Is.True);
    }

    [Test]
    public void Times()
    {
        Assert.That(Run("time(\"10:11:12\")"), Is.EqualTo(new TimeOnly(10, 11, 12)));
        Assert.That(Run("time(10, 11, 12.5)"), Is.EqualTo(new TimeOnly(10, 11, 12, 500)));
        Assert.That(Run("time(@\"2026-01-01T10:11:12\")"), Is.EqualTo(new TimeOnly(10, 11, 12)));
        Assert.That(((FeelTime)Eval("time(\"10:11:12Z\")")).Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void DatesAndTimes()
    {
        Assert.That(Run("date and time(\"2026-01-31T10:00:00\")"), Is.EqualTo(new DateTime(2026, 1, 31, 10, 0, 0)));
        Assert.That(Run("date and time(\"2026-01-31\")"), Is.EqualTo(new DateTime(2026, 1, 31)));
        Assert.That(Run("date and time(date(2026, 1, 31), time(\"10:00:00Z\"))"), Is.EqualTo(new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(Eval("date and time(\"2026-01-31T10:00:00@No/Such_Zone\")").IsNull, Is.True);
    }

    [Test]
    public void Durations()
    {
        Assert.That(Run("duration(\"P3DT4H5M6.5S\")"), Is.EqualTo(new TimeSpan(3, 4, 5, 6, 500)));
        Assert.That(((FeelYearsMonthsDuration)Eval("duration(\"P1Y2M\")")).TotalMonths, Is.EqualTo(14));
        Assert.That(Eval("duration(\"1 hour\")").IsNull, Is.True);
    }

    [TestCase("years and months duration(date(2020, 1, 15), date(2026, 1, 14))", 71)]
    [TestCase("years and months duration(date(2020, 1, 15), date(2026, 1, 15))", 72)]
    [TestCase("years and months duration(date(2026, 1, 15), date(2020, 1, 16))", -71)]
    public void YearsAndMonthsDuration(string source, int months) =>
        Assert.That(((FeelYearsMonthsDuration)Eval(source)).TotalMonths, Is.EqualTo(months));

    [Test]
    public void AgeInYears() =>
        Assert.That(Run("years and months duration(birth, date(2026, 6, 1)).years", ("birth", new DateOnly(2000, 6, 2))), Is.EqualTo(25m));
}
