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

    // Constant tests are answered by typed checks (string sets, number comparisons) instead of the generic
    // evaluator: for every input, including other kinds and null, the answer must be the generic one, i.e.
    // the unfolded tests' three-valued outcome being true.
    [TestCase("\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"", true)]
    [TestCase("\"a\", \"b\"", true)]
    [TestCase("\"a\"", true)]
    [TestCase("[\"a\", \"b\"]", true)]
    [TestCase("[\"a\", 5, true, null, [1..3]]", true)]
    [TestCase("< 10", true)]
    [TestCase("<= 10", true)]
    [TestCase("> 10", true)]
    [TestCase(">= 10", true)]
    [TestCase("= 10", true)]
    [TestCase("!= 10", true)]
    [TestCase("10", true)]
    [TestCase("-10", true)]
    [TestCase("< \"m\"", true)]
    [TestCase(">= \"b\"", true)]
    [TestCase("!= \"a\"", true)]
    [TestCase("= \"a\"", true)]
    [TestCase("[1..5]", true)]
    [TestCase("(1..5)", true)]
    [TestCase("]1..5[", true)]
    [TestCase("[-3..-1]", true)]
    [TestCase("< 10, > 20", true)]
    [TestCase("\"a\", 10, [12..14]", true)]
    [TestCase("true", true)]
    [TestCase("false", true)]
    [TestCase("true, \"a\"", true)]
    [TestCase("null", true)]
    [TestCase("[true, false]", true)]
    [TestCase("[[\"a\"], \"b\"]", true)]
    [TestCase("[\"a\"..\"m\"]", false)]
    [TestCase("not(\"a\", \"b\")", false)]
    [TestCase("[@\"2026-01-01\"..@\"2026-12-31\"]", false)]
    public void Constant_tests_answer_like_the_generic_evaluator(string tests, bool typed)
    {
        var parsed = Feel.ParseUnaryTests(tests);
        Assert.That(parsed.UsesConstantMatcher, Is.EqualTo(typed));
        FeelValue[] inputs =
        [
            FeelNull.Instance, FeelBoolean.True, FeelBoolean.False, new FeelString("a"), new FeelString("b"), new FeelString("f"),
            new FeelString("m"), new FeelString("z"), new FeelString(""), FeelNumber.Of(-10), FeelNumber.Of(-2), FeelNumber.Of(1),
            FeelNumber.Of(3), FeelNumber.Of(5), FeelNumber.Of(10), new FeelNumber(10.00m), new FeelNumber(9.5m), FeelNumber.Of(13),
            FeelNumber.Of(25), FeelValue.FromObject(new DateOnly(2026, 6, 1)), new FeelList([new FeelString("a")]), new FeelList([]),
            new FeelContext([new KeyValuePair<string, FeelValue>("a", FeelNumber.One)]), new FeelRange(FeelNumber.One, true, FeelNumber.Of(5), true),
        ];
        foreach (var input in inputs)
        {
            var generic = parsed.TestWithDiagnostics(input, FeelScope.Empty).Value == FeelBoolean.True;
            Assert.That(parsed.Matches(input, FeelScope.Empty), Is.EqualTo(generic), $"{tests} with input {input}");
        }
    }
}
