using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary><c>if c then a else b</c>; a condition that is not true (false, null, non-boolean) takes the else branch.</summary>
internal sealed class IfNode(int position, Node condition, Node then, Node otherwise) : Node(position)
{
    public override IEnumerable<Node> Children => [condition, then, otherwise];

    public override FeelValue Evaluate(EvaluationContext context) =>
        condition.Evaluate(context) == FeelBoolean.True ? then.Evaluate(context) : otherwise.Evaluate(context);
}
