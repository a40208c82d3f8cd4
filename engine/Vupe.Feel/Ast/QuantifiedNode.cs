using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary><c>some x in xs satisfies c</c> / <c>every x in xs satisfies c</c>, stopping at the first decisive element.</summary>
internal sealed class QuantifiedNode(int position, bool every, IReadOnlyList<Iterator> iterators, Node condition) : Node(position)
{
    public override IEnumerable<Node> Children => [.. iterators.SelectMany(i => i.Nodes), condition];

    public override FeelValue Evaluate(EvaluationContext context)
    {
        var saved = context.Frame;
        try
        {
            return Iterate(0, context) switch
            {
                null => FeelNull.Instance,
                var decided => FeelBoolean.Of(decided.Value),
            };
        }
        finally
        {
            context.Frame = saved;
        }
    }

    public override void CollectFreeVariables(BoundNames? bound, HashSet<string> names)
    {
        foreach (var iterator in iterators)
        {
            foreach (var node in iterator.Nodes)
            {
                node.CollectFreeVariables(bound, names);
            }

            bound = new BoundNames(iterator.Name, bound);
        }

        condition.CollectFreeVariables(bound, names);
    }

    // some: true as soon as one element satisfies, else false. every: false as soon as one does not, else true.
    private bool? Iterate(int level, EvaluationContext context)
    {
        if (level == iterators.Count)
        {
            var satisfied = condition.Evaluate(context) == FeelBoolean.True;
            return satisfied;
        }

        var iterator = iterators[level];
        var values = iterator.Values(context, Position);
        if (values is null)
        {
            return null;
        }

        var outer = context.Frame;
        foreach (var value in values)
        {
            context.Frame = new VariableFrame(outer, iterator.Name, value);
            var result = Iterate(level + 1, context);
            if (result is null)
            {
                return null;
            }

            if (result.Value != every)
            {
                return result;
            }
        }

        context.Frame = outer;
        return every;
    }
}
