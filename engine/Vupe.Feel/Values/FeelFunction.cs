using Vupe.Feel.Evaluation;

namespace Vupe.Feel;

/// <summary>A function value: a built-in, a FEEL function definition, or a host delegate made with <see cref="Create"/>.</summary>
public sealed class FeelFunction : FeelValue
{
    internal FeelFunction(string? name, FunctionImplementation implementation)
    {
        Name = name;
        Implementation = implementation;
    }

    /// <summary>The built-in or host name; null for an anonymous function definition.</summary>
    public string? Name { get; }

    /// <summary>Parameter names of the (first) signature, as used for named arguments.</summary>
    public IReadOnlyList<string> ParameterNames => Implementation.ParameterNames;

    public override string TypeName => "function";

    internal FunctionImplementation Implementation { get; }

    /// <summary>
    /// Wraps a host delegate as a FEEL function so it can be placed in a scope and called from expressions.
    /// Exceptions thrown by the delegate become null plus a diagnostic.
    /// </summary>
    public static FeelFunction Create(string name, IReadOnlyList<string> parameterNames, Func<IReadOnlyList<FeelValue>, FeelValue> body)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameterNames);
        ArgumentNullException.ThrowIfNull(body);
        return new FeelFunction(name, new HostFunction(parameterNames, body));
    }

    /// <summary>Calls the function with positional arguments outside of any expression (no diagnostics are kept).</summary>
    public FeelValue Invoke(IReadOnlyList<FeelValue> arguments, IFeelScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var context = new EvaluationContext(scope ?? FeelScope.Empty, SourceText.None, collectDiagnostics: false);
        return Implementation.Invoke([.. arguments], context, 0);
    }

    public override object? ToObject() => this;

    public override bool Equals(FeelValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
