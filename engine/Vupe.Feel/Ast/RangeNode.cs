using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary>An interval <c>[a..b]</c>, <c>(a..b)</c>, <c>]a..b[</c>; evaluates to a <see cref="FeelRange"/>.</summary>
internal sealed class RangeNode(int position, Node start, bool startIncluded, Node end, bool endIncluded) : Node(position)
{
    public override IEnumerable<Node> Children => [start, end];

    public override FeelValue Evaluate(EvaluationContext context) =>
        new FeelRange(start.Evaluate(context), startIncluded, end.Evaluate(context), endIncluded);
}
