using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class NamesAndScopeTests
{
    [Test]
    public void KnownNamesWithOperatorCharactersAndLongestMatch()
    {
        var options = new FeelParseOptions { KnownNames = ["Pre-Approval Score", "Applicant", "Applicant Age"] };
        var scope = Scope(("Pre-Approval Score", 700), ("Applicant", "Ana"), ("Applicant Age", 30));
        Assert.That(Feel.Parse("Pre-Approval Score - 100", options).Evaluate(scope).ToObject(), Is.EqualTo(600m));
        Assert.That(Feel.Parse("Applicant Age", options).Evaluate(scope).ToObject(), Is.EqualTo(30m));
        Assert.That(Feel.Parse("Applicant + \"!\"", options).Evaluate(scope).ToObject(), Is.EqualTo("Ana!"));
    }

    [Test]
    public void WithoutKnownNamesAnOperatorSplitsTheName() =>
        Assert.That(Run("Pre-Approval", ("Pre", 10), ("Approval", 3)), Is.EqualTo(7m));

    [Test]
    public void ChainedPathsAndFilters()
    {
        Assert.That(Run("{a: [{b: {c: 1}}, {b: {c: 2}}]}.a[2].b.c"), Is.EqualTo(2m));
        Assert.That(Run("[{a: 1}, {a: 2}][a > 1].a"), Is.EqualTo(new List<object?> { 2m }));
    }

    [Test]
    public void InListVariable() => Assert.That(Run("x in allowed", ("x", "b"), ("allowed", new[] { "a", "b" })), Is.EqualTo(true));

    [Test]
    public void NamedArgumentsOnVariadicBuiltIn() => Assert.That(Run("max(list: [1, 5, 2])"), Is.EqualTo(5m));

    [Test]
    public void VariablesShadowBuiltInsOnlyAsValues()
    {
        Assert.That(Run("count + 1", ("count", 4)), Is.EqualTo(5m));
        Assert.That(Run("count([1, 2])", ("count", 4)), Is.EqualTo(2m));
    }

    [Test]
    public void UndefinedConditionTakesElseAndExplains()
    {
        var result = Diagnose("if approved then \"yes\" else \"no\"");
        Assert.That(result.Value.ToObject(), Is.EqualTo("no"));
        Assert.That(result.Diagnostics.Single().Message, Is.EqualTo("unknown variable 'approved'"));
    }

    [Test]
    public void WindowsLineEndingsKeepColumns()
    {
        var error = Assert.Throws<FeelSyntaxException>(() => Feel.Parse("1 +\r\n  #"))!;
        Assert.That((error.Line, error.Column), Is.EqualTo((2, 3)));
    }

    [Test]
    public void UnaryTestsListFunctionCallsAndReportSyntaxErrorsWithLocation()
    {
        Assert.That(Feel.ParseUnaryTests("> max(limits)").FunctionCalls.Single(), Is.EqualTo(new FeelFunctionCall("max", 2, 1, 3)));
        var error = Assert.Throws<FeelSyntaxException>(() => Feel.ParseUnaryTests("[1..5"))!;
        Assert.That(error.Reason, Is.EqualTo("expected ']', ')' or '[' to close the range but found end of input"));
    }

    [Test]
    public void ScopeFromClrDictionary()
    {
        var scope = new FeelScope(new Dictionary<string, object?> { ["amount"] = 150, ["status"] = "A" });
        Assert.That(Feel.Parse("amount > 100 and status = \"A\"").Evaluate(scope), Is.SameAs(FeelBoolean.True));
    }

    [Test]
    public void ParsedExpressionIsSafeToShareAcrossThreads()
    {
        var expression = Feel.Parse("{f: function(n) if n <= 1 then 1 else n * f(n - 1)}.f(x) + count([1, 2][item > 0])");
        var failures = 0;
        Parallel.For(0, 2000, i =>
        {
            var x = (i % 10) + 1;
            var expected = Enumerable.Range(1, x).Aggregate(1m, (a, b) => a * b) + 2;
            if (!Equals(expression.Evaluate(Scope(("x", x))).ToObject(), expected))
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.That(failures, Is.Zero);
    }
}
