using Vupe.Feel.Ast;
using Vupe.Feel.Evaluation;

namespace Vupe.Feel;

/// <summary>A parsed FEEL expression. Immutable and safe to evaluate from several threads at once.</summary>
public sealed class FeelExpression
{
    private readonly SourceText source;
    private readonly Node root;
    private IReadOnlyCollection<string>? freeVariables;

    internal FeelExpression(SourceText source, Node root, IReadOnlyList<FeelFunctionCall> functionCalls)
    {
        this.source = source;
        this.root = root;
        FunctionCalls = functionCalls;
    }

    public string Source => source.Text;

    /// <summary>Every call by plain name, in source order.</summary>
    public IReadOnlyList<FeelFunctionCall> FunctionCalls { get; }

    /// <summary>Top-level names the expression reads (best effort: names inside filters may be item fields).</summary>
    public IReadOnlyCollection<string> FreeVariables => freeVariables ??= CollectFreeVariables();

    /// <summary>Evaluates with spec semantics: data errors give null, never an exception.</summary>
    public FeelValue Evaluate(IFeelScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return root.Evaluate(new EvaluationContext(scope, source, collectDiagnostics: false));
    }

    /// <summary>Like <see cref="Evaluate"/>, plus the warnings that explain nulls.</summary>
    public FeelEvaluation EvaluateWithDiagnostics(IFeelScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var context = new EvaluationContext(scope, source, collectDiagnostics: true);
        var value = root.Evaluate(context);
        return new FeelEvaluation(value, context.Diagnostics);
    }

    public override string ToString() => Source;

    private string[] CollectFreeVariables()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        root.CollectFreeVariables(null, names);
        return [.. names];
    }
}
