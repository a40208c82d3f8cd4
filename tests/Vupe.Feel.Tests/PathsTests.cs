using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class PathsTests
{
    private static readonly Dictionary<string, object?> Applicant = new()
    {
        ["name"] = "Ana",
        ["address"] = new Dictionary<string, object?> { ["city"] = "Lima", ["zip"] = "15001" },
    };

    [Test]
    public void NestedContexts() => Assert.That(Run("applicant.address.city", ("applicant", Applicant)), Is.EqualTo("Lima"));

    [Test]
    public void MissingEntryIsNullWithDiagnostic()
    {
        var result = Diagnose("applicant.phone", ("applicant", Applicant));
        Assert.That(result.Value.IsNull, Is.True);
        Assert.That(result.Diagnostics.Single().Message, Is.EqualTo("no entry 'phone' in context"));
    }

    [Test]
    public void PathOverListMapsEachItem() =>
        Assert.That(Run("[{a: 1}, {a: 2}].a"), Is.EqualTo(new List<object?> { 1m, 2m }));

    [TestCase("d.year", 2026)]
    [TestCase("d.month", 3)]
    [TestCase("d.day", 15)]
    [TestCase("d.weekday", 7)]
    public void DateProperties(string source, int expected) =>
        Assert.That(Run(source, ("d", new DateOnly(2026, 3, 15))), Is.EqualTo((decimal)expected));

    [Test]
    public void DateTimeProperties()
    {
        Assert.That(Run("@\"2026-03-15T10:20:30.5-05:00\".second"), Is.EqualTo(30.5m));
        Assert.That(Run("@\"2026-03-15T10:20:30-05:00\".hour"), Is.EqualTo(10m));
        Assert.That(Run("@\"2026-03-15T10:20:30-05:00\".time offset"), Is.EqualTo(TimeSpan.FromHours(-5)));
        Assert.That(Run("@\"2026-03-15T10:20:30@America/Lima\".timezone"), Is.EqualTo("America/Lima"));
        Assert.That(Run("@\"2026-03-15T10:20:30\".timezone"), Is.Null);
    }

    [Test]
    public void DurationProperties()
    {
        Assert.That(Run("@\"P2DT3H4M5S\".days + @\"P2DT3H4M5S\".hours + @\"P2DT3H4M5S\".minutes + @\"P2DT3H4M5S\".seconds"), Is.EqualTo(14m));
        Assert.That(Run("@\"P1Y5M\".years * 100 + @\"P1Y5M\".months"), Is.EqualTo(105m));
    }

    [Test]
    public void MultiWordVariableNamesWithKnownNames()
    {
        var options = new FeelParseOptions { KnownNames = ["Applicant Age", "Score - Final", "Is Adult or Minor"] };
        var scope = Scope(("Applicant Age", 30), ("Score - Final", 7), ("Is Adult or Minor", "adult"));
        Assert.That(Feel.Parse("Applicant Age + 1", options).Evaluate(scope).ToObject(), Is.EqualTo(31m));
        Assert.That(Feel.Parse("Score - Final * 2", options).Evaluate(scope).ToObject(), Is.EqualTo(14m));
        Assert.That(Feel.Parse("Is Adult or Minor", options).Evaluate(scope).ToObject(), Is.EqualTo("adult"));
    }

    [Test]
    public void AdjacentWordsFormOneName() =>
        Assert.That(Run("monthly  income * 12", ("monthly income", 1000)), Is.EqualTo(12000m));

    [Test]
    public void UnknownVariableIsNullWithDiagnostic()
    {
        var result = Diagnose("missing + 1");
        Assert.That(result.Value.IsNull, Is.True);
        Assert.That(result.Diagnostics.Single().Message, Is.EqualTo("unknown variable 'missing'"));
    }
}
