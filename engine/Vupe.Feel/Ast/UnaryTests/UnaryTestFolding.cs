namespace Vupe.Feel.Ast.UnaryTests;

/// <summary>Which expressions can be evaluated once, at parse time: literals, negated literals, and lists and ranges of them.</summary>
internal static class UnaryTestFolding
{
    // A whitelist, not a search for names: anything that could read a variable, the input '?',
    // the clock or a function (names, paths, filters, calls, contexts, iterations) stays live.
    public static bool IsClosed(Node expression) => expression switch
    {
        LiteralNode => true,
        ListNode or RangeNode or Operators.NegationNode => expression.Children.All(IsClosed),
        _ => false,
    };

    /// <summary>A folded test needs nothing from the scope or the input frame.</summary>
    public static bool IsConstant(UnaryTest test) => test switch
    {
        AnyTest or ConstantComparisonTest or ConstantExpressionTest => true,
        NotTest not => not.Tests.All(IsConstant),
        _ => false,
    };
}
