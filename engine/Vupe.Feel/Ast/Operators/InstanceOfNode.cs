using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast.Operators;

internal sealed class InstanceOfNode(int position, Node value, TypeReference type) : Node(position)
{
    public override IEnumerable<Node> Children => [value];

    public override FeelValue Evaluate(EvaluationContext context) => FeelBoolean.Of(type.IsInstance(value.Evaluate(context)));
}
