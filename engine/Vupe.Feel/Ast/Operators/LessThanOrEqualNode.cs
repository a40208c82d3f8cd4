using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast.Operators;

internal sealed class LessThanOrEqualNode(int position, Node left, Node right) : BinaryNode(position, left, right)
{
    public override FeelValue Evaluate(EvaluationContext context) =>
        Comparison.LessThanOrEqual(Left.Evaluate(context), Right.Evaluate(context), context, Position);
}
