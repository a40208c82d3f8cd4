using Vupe.Feel.Evaluation;
using Vupe.Feel.Syntax;

namespace Vupe.Feel.Ast.UnaryTests;

/// <summary><c>&lt; e</c>, <c>&lt;= e</c>, <c>&gt; e</c>, <c>&gt;= e</c>, <c>= e</c>, <c>!= e</c> applied to the input.</summary>
internal sealed class ComparisonTest(int position, TokenKind operation, Node endpoint) : UnaryTest(position)
{
    public override IEnumerable<Node> Children => [endpoint];

    public override FeelValue Test(FeelValue input, EvaluationContext context) => Apply(operation, input, endpoint.Evaluate(context), context, Position);

    public override UnaryTest Fold(EvaluationContext context) =>
        UnaryTestFolding.IsClosed(endpoint) ? new ConstantComparisonTest(Position, operation, endpoint.Evaluate(context)) : this;

    internal static FeelValue Apply(TokenKind operation, FeelValue input, FeelValue value, EvaluationContext context, int position) =>
        operation switch
        {
            TokenKind.Less => Comparison.LessThan(input, value, context, position),
            TokenKind.LessEqual => Comparison.LessThanOrEqual(input, value, context, position),
            TokenKind.Greater => Comparison.GreaterThan(input, value, context, position),
            TokenKind.GreaterEqual => Comparison.GreaterThanOrEqual(input, value, context, position),
            TokenKind.NotEqual => Comparison.NotEqual(input, value, context, position),
            _ => Comparison.Equal(input, value, context, position),
        };
}

/// <summary>A comparison whose endpoint was a constant, evaluated at parse time.</summary>
internal sealed class ConstantComparisonTest(int position, TokenKind operation, FeelValue endpoint) : UnaryTest(position)
{
    public TokenKind Operation => operation;

    public FeelValue Endpoint => endpoint;

    public override FeelValue Test(FeelValue input, EvaluationContext context) => ComparisonTest.Apply(operation, input, endpoint, context, Position);
}
