using Vupe.Feel.Evaluation;
using Vupe.Feel.Syntax;

namespace Vupe.Feel.Ast.UnaryTests;

/// <summary><c>&lt; e</c>, <c>&lt;= e</c>, <c>&gt; e</c>, <c>&gt;= e</c>, <c>= e</c>, <c>!= e</c> applied to the input.</summary>
internal sealed class ComparisonTest(int position, TokenKind operation, Node endpoint) : UnaryTest(position)
{
    public override IEnumerable<Node> Children => [endpoint];

    public override FeelValue Test(FeelValue input, EvaluationContext context)
    {
        var value = endpoint.Evaluate(context);
        return operation switch
        {
            TokenKind.Less => Comparison.LessThan(input, value, context, Position),
            TokenKind.LessEqual => Comparison.LessThanOrEqual(input, value, context, Position),
            TokenKind.Greater => Comparison.GreaterThan(input, value, context, Position),
            TokenKind.GreaterEqual => Comparison.GreaterThanOrEqual(input, value, context, Position),
            TokenKind.NotEqual => Comparison.NotEqual(input, value, context, Position),
            _ => Comparison.Equal(input, value, context, Position),
        };
    }
}
