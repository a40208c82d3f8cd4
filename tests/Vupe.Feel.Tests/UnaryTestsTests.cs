using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class UnaryTestsTests
{
    private static bool Matches(string tests, object? input, params (string Name, object? Value)[] variables) =>
        Feel.ParseUnaryTests(tests).Matches(FeelValue.FromObject(input), Scope(variables));

    [TestCase("-", 5, true)]
    [TestCase("-", null, true)]
    [TestCase("< -5", -6, true)]
    [TestCase("< -5", -5, false)]
    [TestCase("[-3..-1]", -2, true)]
    [TestCase("not([1..5], 9)", 9, false)]
    [TestCase("", "x", true)]
    [TestCase("< 10", 5, true)]
    [TestCase("< 10", 10, false)]
    [TestCase(">= 18", 18, true)]
    [TestCase("[1..5]", 5, true)]
    [TestCase("(1..5)", 5, false)]
    [TestCase("5", 5, true)]
    [TestCase("\"a\",\"b\"", "b", true)]
    [TestCase("\"a\", \"b\"", "c", false)]
    [TestCase("not(1, 2)", 3, true)]
    [TestCase("not(1, 2)", 2, false)]
    [TestCase("not(< 10)", 15, true)]
    [TestCase("< 10, > 20", 25, true)]
    [TestCase("null", null, true)]
    [TestCase("< 10", null, false)]
    [TestCase("not(< 10)", null, false)]
    [TestCase("\"A\"", 1, false)]
    [TestCase("? > 5 and ? < 10", 7, true)]
    [TestCase("? > 5 and ? < 10", 12, false)]
    [TestCase("odd(?)", 3, true)]
    [TestCase("[1, 2, 3]", 2, true)]
    [TestCase("true", true, true)]
    [TestCase("false", true, false)]
    [TestCase("false", false, true)]
    [TestCase("? = false", false, true)]
    [TestCase("!= 5", 4, true)]
    public void Matches(string tests, object? input, bool expected) => Assert.That(Matches(tests, input), Is.EqualTo(expected));

    [Test]
    public void EndpointsCanBeVariables() => Assert.That(Matches("[min..max]", 5, ("min", 1), ("max", 5)), Is.True);

    [Test]
    public void BooleanExpressionWithoutInputIsTheAnswer() =>
        Assert.That(Matches("list contains(roles, \"admin\")", "anything", ("roles", new[] { "user" })), Is.False);

    [Test]
    public void Dates() =>
        Assert.That(Matches("[@\"2026-01-01\"..@\"2026-12-31\"]", new DateOnly(2026, 5, 5)), Is.True);

    [Test]
    public void NotFollowedByMoreIsAnExpression() =>
        Assert.That(Matches("not(?) = true", false), Is.True);

    [Test]
    public void DiagnosticsExplainAnUndecidableTest()
    {
        var result = Feel.ParseUnaryTests("< 10").TestWithDiagnostics(new FeelString("x"), FeelScope.Empty);
        Assert.That(result.Value.IsNull, Is.True);
        Assert.That(result.Diagnostics.Single().Message, Is.EqualTo("cannot compare string with number"));
    }

    [Test]
    public void FreeVariablesExcludeInput() =>
        Assert.That(Feel.ParseUnaryTests("? > limit").FreeVariables, Is.EqualTo(new[] { "limit" }));

    [Test]
    public void Folded_and_live_endpoints_agree()
    {
        var start = new DateOnly(2026, 1, 1);
        Assert.That(Feel.ParseUnaryTests("[@\"2026-01-01\"..@\"2026-12-31\"]").Matches(FeelValue.FromObject(new DateOnly(2026, 6, 1)), FeelScope.Empty), Is.True);
        Assert.That(Matches("[from..@\"2026-12-31\"]", new DateOnly(2026, 6, 1), ("from", start)), Is.True);
        Assert.That(Matches("[from..@\"2026-12-31\"]", new DateOnly(2025, 6, 1), ("from", start)), Is.False);
        Assert.That(Matches("< limit", 5, ("limit", 10)), Is.True);
        Assert.That(Matches("< limit", 5, ("limit", 3)), Is.False);
    }
}
