using Vupe.Feel.BuiltIns;
using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary>
/// A function call. Called by plain name, a function value in scope wins over a built-in of the same name
/// (so a context can define its own helpers); otherwise the callee is any expression yielding a function.
/// </summary>
internal sealed class InvocationNode : Node
{
    private readonly Node callee;
    private readonly string? calleeName;
    private readonly FeelFunction? builtIn;
    private readonly IReadOnlyList<Node> arguments;
    private readonly IReadOnlyList<string>? argumentNames;

    public InvocationNode(int position, Node callee, IReadOnlyList<Node> arguments, IReadOnlyList<string>? argumentNames)
        : base(position)
    {
        this.callee = callee;
        this.arguments = arguments;
        this.argumentNames = argumentNames;
        if (callee is NameNode name)
        {
            calleeName = name.Name;
            BuiltInRegistry.TryGet(name.Name, out builtIn);
        }
    }

    /// <summary>The function's name when called by plain name, else null.</summary>
    public string? CalleeName => calleeName;

    public override IEnumerable<Node> Children => calleeName is null ? [callee, .. arguments] : arguments;

    public override FeelValue Evaluate(EvaluationContext context)
    {
        FeelFunction? function;
        if (calleeName is not null)
        {
            function = context.TryLookup(calleeName, out var value) && value is FeelFunction local ? local : builtIn;
            if (function is null)
            {
                return context.Warn(Position, $"unknown function '{calleeName}'");
            }
        }
        else
        {
            var value = callee.Evaluate(context);
            function = value as FeelFunction;
            if (function is null)
            {
                return value is FeelNull ? FeelNull.Instance : context.Warn(Position, $"cannot invoke a value of type {value.TypeName}");
            }
        }

        if (argumentNames is null)
        {
            var values = arguments.Count == 0 ? [] : new FeelValue[arguments.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = arguments[i].Evaluate(context);
            }

            return function.Implementation.Invoke(values, context, Position);
        }

        var named = new KeyValuePair<string, FeelValue>[arguments.Count];
        for (var i = 0; i < named.Length; i++)
        {
            named[i] = new(argumentNames[i], arguments[i].Evaluate(context));
        }

        return function.Implementation.InvokeNamed(named, context, Position);
    }

    public override void CollectFreeVariables(BoundNames? bound, HashSet<string> names)
    {
        if (calleeName is not null && builtIn is null && !BoundNames.Contains(bound, calleeName))
        {
            names.Add(calleeName);
        }

        base.CollectFreeVariables(bound, names);
    }
}
