using Vupe.Feel.Evaluation;
using Vupe.Feel.Syntax;

namespace Vupe.Feel.Ast;

/// <summary>
/// A unary comparison used as a value, <c>(&lt; 10)</c> or <c>(= 10)</c> (FEEL 1.5, 10.3.2.7): a range open on the
/// other side, or the single point for '='. It is not equal to the literal with a null endpoint, (null..10).
/// </summary>
internal sealed class UnaryRangeNode(int position, TokenKind op, Node endpoint) : Node(position)
{
    public override IEnumerable<Node> Children => [endpoint];

    public override FeelValue Evaluate(EvaluationContext context)
    {
        var value = endpoint.Evaluate(context);
        return op switch
        {
            TokenKind.Less => new FeelRange(null, false, value, false, "<"),
            TokenKind.LessEqual => new FeelRange(null, false, value, true, "<="),
            TokenKind.Greater => new FeelRange(value, false, null, false, ">"),
            TokenKind.GreaterEqual => new FeelRange(value, true, null, false, ">="),
            _ => new FeelRange(value, true, value, true, "="),
        };
    }
}
