using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary><c>for x in xs, y in ys return e</c>: the cartesian product, with 'partial' bound to the results so far.</summary>
internal sealed class ForNode(int position, IReadOnlyList<Iterator> iterators, Node body) : Node(position)
{
    public override IEnumerable<Node> Children => [.. iterators.SelectMany(i => i.Nodes), body];

    public override FeelValue Evaluate(EvaluationContext context)
    {
        var results = new List<FeelValue>();
        var saved = context.Frame;
        try
        {
            context.Frame = new PartialFrame(saved, results);
            if (!Iterate(0, context, results))
            {
                return FeelNull.Instance;
            }
        }
        finally
        {
            context.Frame = saved;
        }

        return new FeelList(results, owned: true);
    }

    public override void CollectFreeVariables(BoundNames? bound, HashSet<string> names)
    {
        bound = new BoundNames("partial", bound);
        foreach (var iterator in iterators)
        {
            foreach (var node in iterator.Nodes)
            {
                node.CollectFreeVariables(bound, names);
            }

            bound = new BoundNames(iterator.Name, bound);
        }

        body.CollectFreeVariables(bound, names);
    }

    private bool Iterate(int level, EvaluationContext context, List<FeelValue> results)
    {
        if (level == iterators.Count)
        {
            results.Add(body.Evaluate(context));
            return true;
        }

        var iterator = iterators[level];
        var values = iterator.Values(context, Position);
        if (values is null)
        {
            return false;
        }

        var outer = context.Frame;
        foreach (var value in values)
        {
            // A fresh frame per value, so a function defined in the body keeps the value it saw.
            context.Frame = new VariableFrame(outer, iterator.Name, value);
            if (!Iterate(level + 1, context, results))
            {
                return false;
            }
        }

        context.Frame = outer;
        return true;
    }
}
