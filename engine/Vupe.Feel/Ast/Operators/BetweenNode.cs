using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast.Operators;

/// <summary><c>x between a and b</c>: a &lt;= x and x &lt;= b, three-valued.</summary>
internal sealed class BetweenNode(int position, Node value, Node low, Node high) : Node(position)
{
    public override IEnumerable<Node> Children => [value, low, high];

    public override FeelValue Evaluate(EvaluationContext context)
    {
        var x = value.Evaluate(context);
        var lower = Comparison.LessThanOrEqual(low.Evaluate(context), x, context, Position);
        if (lower == FeelBoolean.False)
        {
            return FeelBoolean.False;
        }

        var upper = Comparison.LessThanOrEqual(x, high.Evaluate(context), context, Position);
        if (upper == FeelBoolean.False)
        {
            return FeelBoolean.False;
        }

        return lower == FeelBoolean.True && upper == FeelBoolean.True ? FeelBoolean.True : FeelNull.Instance;
    }
}
