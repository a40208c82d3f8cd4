using Vupe.Feel.Syntax;

namespace Vupe.Feel;

/// <summary>Entry point: parse once, evaluate many times.</summary>
public static class Feel
{
    /// <summary>Parses a FEEL expression. Throws <see cref="FeelSyntaxException"/> with line and column.</summary>
    public static FeelExpression Parse(string source, FeelParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = new SourceText(source);
        var (node, calls) = Parser.ParseExpression(text, Matcher(options), options?.TypeResolver);
        return new FeelExpression(text, node, calls);
    }

    /// <summary>Parses DMN unary tests (an input entry): "-", "&lt; 10", "[1..5]", "\"a\",\"b\"", "not(1, 2)", "? &gt; x".</summary>
    public static FeelUnaryTests ParseUnaryTests(string source, FeelParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = new SourceText(source);
        var (tests, calls) = Parser.ParseUnaryTests(text, Matcher(options), options?.TypeResolver);
        return new FeelUnaryTests(text, tests, calls);
    }

    private static NameMatcher Matcher(FeelParseOptions? options) =>
        options is { KnownNames.Count: > 0 } ? NameMatcher.BuiltIn.With(options.KnownNames) : NameMatcher.BuiltIn;
}
