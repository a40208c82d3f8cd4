using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary><c>a.b</c>: a context entry, a property of a date/time/duration/range, or mapped over a list.</summary>
internal sealed class PathNode(int position, Node target, string member) : Node(position)
{
    public override IEnumerable<Node> Children => [target];

    public override FeelValue Evaluate(EvaluationContext context) => Select(target.Evaluate(context), context);

    private FeelValue Select(FeelValue value, EvaluationContext context)
    {
        switch (value)
        {
            case FeelNull:
                return context.Warn(Position, $"cannot read '{member}' of null");
            case FeelContext ctx:
                return ctx.TryGet(member, out var entry) ? entry : context.Warn(Position, $"no entry '{member}' in context");
            case FeelList list:
                var results = new FeelValue[list.Items.Count];
                for (var i = 0; i < results.Length; i++)
                {
                    results[i] = Select(list.Items[i], context);
                }

                return new FeelList(results, owned: true);
            default:
                return Properties.TryGet(value, member, out var property)
                    ? property
                    : context.Warn(Position, $"{value.TypeName} has no property '{member}'");
        }
    }
}
