using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast.Operators;

/// <summary>Three-valued conjunction: false wins over null, so the right side is skipped once the left is false.</summary>
internal sealed class AndNode(int position, Node left, Node right) : BinaryNode(position, left, right)
{
    public override FeelValue Evaluate(EvaluationContext context)
    {
        var left = Left.Evaluate(context);
        if (left == FeelBoolean.False)
        {
            return FeelBoolean.False;
        }

        var right = Right.Evaluate(context);
        if (right == FeelBoolean.False)
        {
            return FeelBoolean.False;
        }

        return left == FeelBoolean.True && right == FeelBoolean.True ? FeelBoolean.True : FeelNull.Instance;
    }
}
