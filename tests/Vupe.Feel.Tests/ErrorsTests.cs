namespace Vupe.Feel.Tests;

public class ErrorsTests
{
    private static FeelSyntaxException Fails(string source) => Assert.Throws<FeelSyntaxException>(() => Feel.Parse(source))!;

    [Test]
    public void MissingThenNamesTheToken()
    {
        var error = Fails("if x > 1 \"a\" else \"b\"");
        Assert.That(error.Message, Is.EqualTo("FEEL syntax error at line 1, column 10: expected 'then' after the if condition but found '\"a\"'"));
        Assert.That((error.Position, error.Line, error.Column), Is.EqualTo((9, 1, 10)));
    }

    [Test]
    public void MissingElse() =>
        Assert.That(Fails("if x then 1").Message, Is.EqualTo("FEEL syntax error at line 1, column 12: expected 'else' after the then branch (an if expression needs both branches) but found end of input"));

    [Test]
    public void UnclosedParenthesisPointsAtTheOffendingToken()
    {
        var error = Fails("f(1, 2 then");
        Assert.That(error.Message, Is.EqualTo("FEEL syntax error at line 1, column 8: expected ')' to close '(' opened at line 1, column 2, but found 'then'"));
    }

    [Test]
    public void UnclosedBracketAtEnd() =>
        Assert.That(Fails("[1, 2").Reason, Is.EqualTo("expected ']' to close '[' opened at line 1, column 1, but found end of input"));

    [Test]
    public void UnclosedBrace() => Assert.That(Fails("{a: 1").Reason, Does.StartWith("expected '}' to close '{'"));

    [Test]
    public void UnterminatedStringOnSecondLine()
    {
        var error = Fails("x +\n  \"abc");
        Assert.That(error.Message, Is.EqualTo("FEEL syntax error at line 2, column 3: unterminated string literal (missing closing '\"')"));
    }

    [Test]
    public void UnknownCharacter()
    {
        var error = Fails("a # b");
        Assert.That(error.Reason, Is.EqualTo("unexpected character '#'"));
        Assert.That(error.Column, Is.EqualTo(3));
    }

    [Test]
    public void InvalidUnicodeEscape() => Assert.That(Fails("\"\\u12\"").Reason, Does.StartWith("invalid escape sequence '\\u12"));

    [Test]
    public void InvalidTemporal() => Assert.That(Fails("@\"2026-02-30\"").Reason, Does.StartWith("invalid temporal literal @\"2026-02-30\""));

    [Test]
    public void EmptyExpression() => Assert.That(Fails("   ").Reason, Is.EqualTo("expected an expression but found end of input"));

    [Test]
    public void DanglingOperator() => Assert.That(Fails("1 +").Reason, Is.EqualTo("expected an expression but found end of input"));

    [Test]
    public void TrailingToken() => Assert.That(Fails("1 2").Reason, Is.EqualTo("unexpected '2'"));

    [Test]
    public void DuplicateContextKey() => Assert.That(Fails("{a: 1, a: 2}").Reason, Is.EqualTo("duplicate context key 'a'"));

    [Test]
    public void MissingReturn() => Assert.That(Fails("for x in [1] x").Reason, Is.EqualTo("expected 'return' after the iteration contexts of 'for' but found 'x'"));

    [Test]
    public void DeepNestingIsASyntaxErrorNotACrash() =>
        Assert.That(Fails(new string('(', 5000) + "1" + new string(')', 5000)).Reason, Is.EqualTo("expression is nested too deeply"));

    [Test]
    public void UnaryTestsSyntaxError() =>
        Assert.Throws<FeelSyntaxException>(() => Feel.ParseUnaryTests("[1..5"));

    [Test]
    public void EvaluationNeverThrowsForDataErrors()
    {
        var result = Feel.Parse("a.b.c + foo(x) / 0 < \"s\"").EvaluateWithDiagnostics(new FeelScope().Set("a", 1));
        Assert.That(result.Value.IsNull, Is.True);
        Assert.That(result.Diagnostics.Select(d => d.Message), Does.Contain("unknown function 'foo'"));
    }
}
