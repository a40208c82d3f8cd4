using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast.Operators;

internal sealed class NegationNode(int position, Node operand) : Node(position)
{
    public Node Operand { get; } = operand;

    public override IEnumerable<Node> Children => [Operand];

    public override FeelValue Evaluate(EvaluationContext context) => Arithmetic.Negate(Operand.Evaluate(context), context, Position);
}
