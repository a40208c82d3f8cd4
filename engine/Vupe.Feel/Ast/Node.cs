using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary>A node of the parsed expression. Nodes are immutable; all evaluation state is in the context.</summary>
internal abstract class Node(int position)
{
    /// <summary>0-based offset of the token that diagnostics for this node point at.</summary>
    public int Position { get; } = position;

    public abstract FeelValue Evaluate(EvaluationContext context);

    public virtual IEnumerable<Node> Children => [];

    /// <summary>Adds names read from outside the expression; binding constructs override to hide their own names.</summary>
    public virtual void CollectFreeVariables(BoundNames? bound, HashSet<string> names)
    {
        foreach (var child in Children)
        {
            child.CollectFreeVariables(bound, names);
        }
    }
}

/// <summary>Names bound by enclosing for/some/every/function/context constructs, for free-variable analysis.</summary>
internal sealed record BoundNames(string Name, BoundNames? Parent)
{
    public static bool Contains(BoundNames? bound, string name)
    {
        for (var b = bound; b is not null; b = b.Parent)
        {
            if (string.Equals(b.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
