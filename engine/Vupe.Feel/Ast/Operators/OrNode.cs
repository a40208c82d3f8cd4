using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast.Operators;

/// <summary>Three-valued disjunction: true wins over null, so the right side is skipped once the left is true.</summary>
internal sealed class OrNode(int position, Node left, Node right) : BinaryNode(position, left, right)
{
    public override FeelValue Evaluate(EvaluationContext context)
    {
        var left = Left.Evaluate(context);
        if (left == FeelBoolean.True)
        {
            return FeelBoolean.True;
        }

        var right = Right.Evaluate(context);
        if (right == FeelBoolean.True)
        {
            return FeelBoolean.True;
        }

        return left == FeelBoolean.False && right == FeelBoolean.False ? FeelBoolean.False : FeelNull.Instance;
    }
}
