namespace Vupe.Feel.Evaluation;

/// <summary>What a <see cref="FeelFunction"/> runs: a built-in, a FEEL function definition, or a host delegate.</summary>
internal abstract class FunctionImplementation
{
    public abstract IReadOnlyList<string> ParameterNames { get; }

    public abstract FeelValue Invoke(FeelValue[] arguments, EvaluationContext context, int position);

    /// <summary>Maps named arguments onto the parameter list; absent parameters are null.</summary>
    public virtual FeelValue InvokeNamed(IReadOnlyList<KeyValuePair<string, FeelValue>> arguments, EvaluationContext context, int position)
    {
        var names = ParameterNames;
        var values = new FeelValue[names.Count];
        Array.Fill(values, FeelNull.Instance);
        foreach (var argument in arguments)
        {
            var index = IndexOf(names, argument.Key);
            if (index < 0)
            {
                return context.Warn(position, $"function has no parameter named '{argument.Key}' (parameters: {string.Join(", ", names)})");
            }

            values[index] = argument.Value;
        }

        return Invoke(values, context, position);
    }

    protected static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A function defined in FEEL: <c>function(a, b) a + b</c>, closing over the frames where it was defined.</summary>
internal sealed class UserFunction(IReadOnlyList<string> parameterNames, Ast.Node body, Frame? closure, IFeelScope? closureRoot = null, IReadOnlyList<Ast.TypeReference?>? types = null) : FunctionImplementation
{
    public override IReadOnlyList<string> ParameterNames => parameterNames;

    public override FeelValue Invoke(FeelValue[] arguments, EvaluationContext context, int position)
    {
        if (arguments.Length != parameterNames.Count)
        {
            return context.Warn(position, $"function({string.Join(", ", parameterNames)}) expects {parameterNames.Count} argument(s) but got {arguments.Length}");
        }

        if (types is not null)
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                if (types[i] is { } type && arguments[i] is not FeelNull && !type.IsInstance(arguments[i]))
                {
                    return context.Warn(position, $"argument {i + 1} of function({string.Join(", ", parameterNames)}) is not a {type.Name}");
                }
            }
        }

        if (context.CallDepth >= EvaluationContext.MaxCallDepth)
        {
            return context.Warn(position, $"function calls nested deeper than {EvaluationContext.MaxCallDepth} levels (runaway recursion?)");
        }

        var saved = context.Frame;
        var savedRoot = context.Root;
        context.Frame = new ParameterFrame(closure, parameterNames, arguments);
        context.Root = closureRoot ?? savedRoot;
        context.CallDepth++;
        try
        {
            return body.Evaluate(context);
        }
        finally
        {
            context.CallDepth--;
            context.Frame = saved;
            context.Root = savedRoot;
        }
    }
}

/// <summary>A host delegate exposed as a FEEL function (see <see cref="FeelFunction.Create"/>).</summary>
internal sealed class HostFunction(IReadOnlyList<string> parameterNames, Func<IReadOnlyList<FeelValue>, FeelValue> body) : FunctionImplementation
{
    public override IReadOnlyList<string> ParameterNames => parameterNames;

    public override FeelValue Invoke(FeelValue[] arguments, EvaluationContext context, int position)
    {
        try
        {
            return body(arguments) ?? FeelNull.Instance;
        }
#pragma warning disable CA1031 // A host function failing is a data error for the expression: null plus a diagnostic, never a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return context.Warn(position, $"function failed: {ex.Message}");
        }
    }
}
