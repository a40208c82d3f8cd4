using Vupe.Feel.Evaluation;

namespace Vupe.Feel.BuiltIns;

internal delegate FeelValue BuiltInBody(FeelValue[] arguments, EvaluationContext context);

/// <param name="Variadic">The last parameter takes zero or more arguments (min(1, 2, 3), append(list, a, b)).</param>
internal sealed record Overload(string[] Parameters, bool Variadic, BuiltInBody Body);

/// <summary>A built-in function with one or more overloads chosen by argument count (or names).</summary>
internal sealed class BuiltInFunction(string name) : FunctionImplementation
{
    private readonly List<Overload> overloads = [];

    public string Name { get; } = name;

    public override IReadOnlyList<string> ParameterNames => overloads[0].Parameters;

    public void Add(Overload overload) => overloads.Add(overload);

    public override FeelValue Invoke(FeelValue[] arguments, EvaluationContext context, int position)
    {
        foreach (var overload in overloads)
        {
            if (overload.Parameters.Length == arguments.Length && !overload.Variadic)
            {
                return Run(overload, arguments, context, position);
            }
        }

        foreach (var overload in overloads)
        {
            // A variadic form needs at least one argument: all(), mode() and sum() are errors, not empty lists.
            if (overload.Variadic && arguments.Length >= Math.Max(1, overload.Parameters.Length - 1))
            {
                return Run(overload, arguments, context, position);
            }
        }

        return context.Warn(position, $"{Name}: no form of this function takes {arguments.Length} argument(s); expected {Signatures()}");
    }

    public override FeelValue InvokeNamed(IReadOnlyList<KeyValuePair<string, FeelValue>> arguments, EvaluationContext context, int position)
    {
        Overload? best = null;
        foreach (var overload in overloads)
        {
            var all = true;
            foreach (var argument in arguments)
            {
                all &= IndexOf(overload.Parameters, argument.Key) >= 0;
            }

            if (all && (best is null || overload.Parameters.Length < best.Parameters.Length))
            {
                best = overload;
            }
        }

        if (best is null)
        {
            var given = string.Join(", ", arguments.Select(a => a.Key));
            return context.Warn(position, $"{Name}: no form of this function has the parameters ({given}); expected {Signatures()}");
        }

        var values = new FeelValue[best.Parameters.Length];
        Array.Fill(values, FeelNull.Instance);
        foreach (var argument in arguments)
        {
            values[IndexOf(best.Parameters, argument.Key)] = argument.Value;
        }

        return Run(best, values, context, position);
    }

    private FeelValue Run(Overload overload, FeelValue[] arguments, EvaluationContext context, int position)
    {
        var savedName = context.CallName;
        var savedPosition = context.CallPosition;
        context.CallName = Name;
        context.CallPosition = position;
        try
        {
            return overload.Body(arguments, context);
        }
        catch (Exception ex) when (ex is ArithmeticException or ArgumentException or FormatException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return context.ArgumentError(ex.Message);
        }
        finally
        {
            context.CallName = savedName;
            context.CallPosition = savedPosition;
        }
    }

    private string Signatures() =>
        string.Join(" or ", overloads.Select(o => $"{Name}({string.Join(", ", o.Parameters)}{(o.Variadic ? "..." : string.Empty)})"));
}
