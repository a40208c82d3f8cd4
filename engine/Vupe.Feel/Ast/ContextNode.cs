using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary><c>{a: 1, "b c": a + 1}</c>: entries are evaluated in order and each sees the ones before it.</summary>
internal sealed class ContextNode(int position, IReadOnlyList<KeyValuePair<string, Node>> entries) : Node(position)
{
    public override IEnumerable<Node> Children
    {
        get
        {
            foreach (var entry in entries)
            {
                yield return entry.Value;
            }
        }
    }

    public override FeelValue Evaluate(EvaluationContext context)
    {
        var values = new List<KeyValuePair<string, FeelValue>>(entries.Count);
        var saved = context.Frame;

        // The frame shares the list being filled, so functions defined in an entry can call entries
        // defined later (or themselves) once the context is complete.
        context.Frame = new EntriesFrame(saved, values);
        try
        {
            foreach (var entry in entries)
            {
                values.Add(new(entry.Key, entry.Value.Evaluate(context)));
            }
        }
        finally
        {
            context.Frame = saved;
        }

        return new FeelContext(values, owned: true);
    }

    public override void CollectFreeVariables(BoundNames? bound, HashSet<string> names)
    {
        foreach (var entry in entries)
        {
            bound = new BoundNames(entry.Key, bound);
        }

        foreach (var entry in entries)
        {
            entry.Value.CollectFreeVariables(bound, names);
        }
    }
}
