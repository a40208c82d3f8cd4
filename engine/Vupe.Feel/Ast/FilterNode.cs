using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary>
/// <c>list[filter]</c>. A number selects by 1-based index (negative counts from the end); anything else is a
/// condition evaluated per element, with the element bound to 'item' and, for contexts, its entries in scope.
/// </summary>
internal sealed class FilterNode(int position, Node target, Node filter) : Node(position)
{
    public override IEnumerable<Node> Children => [target, filter];

    public override FeelValue Evaluate(EvaluationContext context)
    {
        var value = target.Evaluate(context);
        if (value is FeelNull)
        {
            return FeelNull.Instance;
        }

        // A non-list is treated as a singleton list, as the spec requires.
        IReadOnlyList<FeelValue> items = value is FeelList list ? list.Items : [value];
        if (items.Count == 0)
        {
            return filter is LiteralNode { Value: FeelNumber } ? FeelNull.Instance : FeelList.Empty;
        }

        if (filter is LiteralNode { Value: FeelNumber constant })
        {
            return SelectIndex(items, constant.Value, context);
        }

        var results = new List<FeelValue>();
        var saved = context.Frame;
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                Frame frame = new VariableFrame(saved, "item", item);
                if (item is FeelContext entries)
                {
                    frame = new EntriesFrame(frame, entries.Entries);
                }

                context.Frame = frame;
                var selector = filter.Evaluate(context);
                if (i == 0 && selector is FeelNumber index)
                {
                    context.Frame = saved;
                    return SelectIndex(items, index.Value, context);
                }

                if (selector == FeelBoolean.True)
                {
                    results.Add(item);
                }
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
        target.CollectFreeVariables(bound, names);
        filter.CollectFreeVariables(new BoundNames("item", bound), names);
    }

    private FeelValue SelectIndex(IReadOnlyList<FeelValue> items, decimal index, EvaluationContext context)
    {
        if (!decimal.IsInteger(index) || index == 0 || Math.Abs(index) > items.Count)
        {
            return context.Warn(Position, $"index {ValueFormatter.FormatNumber(index)} is out of range for a list of {items.Count} item(s)");
        }

        var i = (int)index;
        return i > 0 ? items[i - 1] : items[items.Count + i];
    }
}
