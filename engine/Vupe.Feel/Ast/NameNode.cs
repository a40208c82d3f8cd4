using Vupe.Feel.BuiltIns;
using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary>A variable reference. A built-in name not shadowed by a variable reads as the function value.</summary>
internal sealed class NameNode(int position, string name) : Node(position)
{
    public string Name { get; } = name;

    public override FeelValue Evaluate(EvaluationContext context)
    {
        if (context.TryLookup(Name, out var value))
        {
            return value;
        }

        if (BuiltInRegistry.TryGet(Name, out var function))
        {
            return function;
        }

        return context.Warn(Position, $"unknown variable '{Name}'");
    }

    public override void CollectFreeVariables(BoundNames? bound, HashSet<string> names)
    {
        if (!BoundNames.Contains(bound, Name) && !BuiltInRegistry.TryGet(Name, out _))
        {
            names.Add(Name);
        }
    }
}
