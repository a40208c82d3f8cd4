using static Vupe.Feel.Tests.TestFeel;

namespace Vupe.Feel.Tests;

public class FunctionsTests
{
    [Test]
    public void PositionalAndNamedArguments()
    {
        Assert.That(Run("substring(\"abcdef\", 2, 3)"), Is.EqualTo("bcd"));
        Assert.That(Run("substring(string: \"abcdef\", start position: 2, length: 3)"), Is.EqualTo("bcd"));
        Assert.That(Run("substring(start position: 3, string: \"abcdef\")"), Is.EqualTo("cdef"));
    }

    [Test]
    public void DefinitionInContext() =>
        Assert.That(Run("{double: function(x) x * 2, r: double(21)}.r"), Is.EqualTo(42m));

    [Test]
    public void RecursiveDefinition() =>
        Assert.That(Run("{fact: function(n) if n <= 1 then 1 else n * fact(n - 1), r: fact(5)}.r"), Is.EqualTo(120m));

    [Test]
    public void ClosureCapturesLoopVariable() =>
        Assert.That(Run("for f in (for x in [1, 2] return function(y) x + y) return f(10)"), Is.EqualTo(new List<object?> { 11m, 12m }));

    [Test]
    public void FunctionValueInScope()
    {
        var tax = FeelFunction.Create("tax", ["amount"], args => new FeelNumber(((FeelNumber)args[0]).Value * 0.18m));
        Assert.That(Run("tax(100)", ("tax", tax)), Is.EqualTo(18m));
        Assert.That(Run("tax(amount: 200)", ("tax", tax)), Is.EqualTo(36m));
    }

    [Test]
    public void NamedArgumentsOnDefinedFunction() =>
        Assert.That(Run("{f: function(a, b) a - b, r: f(b: 1, a: 10)}.r"), Is.EqualTo(9m));

    [Test]
    public void UnknownFunctionIsNullWithDiagnostic()
    {
        var result = Diagnose("foo(1)");
        Assert.That(result.Value.IsNull, Is.True);
        Assert.That(result.Diagnostics.Single().Message, Is.EqualTo("unknown function 'foo'"));
    }

    [Test]
    public void WrongArityIsNullWithDiagnostic()
    {
        var result = Diagnose("upper case(\"a\", \"b\")");
        Assert.That(result.Value.IsNull, Is.True);
        Assert.That(result.Diagnostics.Single().Message, Does.StartWith("upper case: no form of this function takes 2 argument(s)"));
    }

    [Test]
    public void RunawayRecursionIsNull() =>
        Assert.That(Diagnose("{f: function(n) f(n + 1), r: f(0)}.r").Value.IsNull, Is.True);

    [Test]
    public void BuiltInAsValue() => Assert.That(Run("{f: upper case}.f(\"x\")"), Is.EqualTo("X"));

    [Test]
    public void InstanceOf()
    {
        Assert.That(Run("1 instance of number"), Is.EqualTo(true));
        Assert.That(Run("\"1\" instance of number"), Is.EqualTo(false));
        Assert.That(Run("@\"2026-01-01T00:00:00\" instance of date and time"), Is.EqualTo(true));
        Assert.That(Run("@\"P1D\" instance of days and time duration"), Is.EqualTo(true));
        Assert.That(Run("[1, 2] instance of list<number>"), Is.EqualTo(true));
        Assert.That(Run("{a: 1} instance of context<a: number>"), Is.EqualTo(true));
        Assert.That(Run("null instance of Any"), Is.EqualTo(false));
        Assert.That(Run("{f: function(x) x}.f instance of function"), Is.EqualTo(true));
    }

    [Test]
    public void FunctionCallsAreListedWithPositions()
    {
        var expression = Feel.Parse("upper case(x) +\n  foo(1, string length(y))");
        Assert.That(expression.FunctionCalls, Is.EqualTo(new[]
        {
            new FeelFunctionCall("upper case", 0, 1, 1),
            new FeelFunctionCall("foo", 18, 2, 3),
            new FeelFunctionCall("string length", 25, 2, 10),
        }));
    }

    [Test]
    public void FreeVariables()
    {
        var expression = Feel.Parse("for x in items return x * rate + {a: 1, b: a + bonus}.b + count(items) + f(1)");
        Assert.That(expression.FreeVariables, Is.EquivalentTo(new[] { "items", "rate", "bonus", "f" }));
    }
}
