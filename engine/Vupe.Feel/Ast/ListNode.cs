using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

internal sealed class ListNode(int position, IReadOnlyList<Node> items) : Node(position)
{
    public override IEnumerable<Node> Children => items;

    public override FeelValue Evaluate(EvaluationContext context)
    {
        if (items.Count == 0)
        {
            return FeelList.Empty;
        }

        var values = new FeelValue[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = items[i].Evaluate(context);
        }

        return new FeelList(values, owned: true);
    }
}
