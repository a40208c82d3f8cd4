using Vupe.Feel.Ast;
using Vupe.Feel.Ast.UnaryTests;
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
        // A literal, a negated literal, a list or range of them reads nothing: evaluated once, here.
        constant = UnaryTestFolding.IsClosed(root) ? root.Evaluate(new EvaluationContext(FeelScope.Empty, source, collectDiagnostics: false)) : null;
        VariableName = (root as NameNode)?.Name;
    }

    private readonly FeelValue? constant;

    /// <summary>
    /// The expression's value when it reads nothing (a literal such as <c>"A"</c> or <c>-5</c>, a list or range of
    /// literals), computed once at parse time; null otherwise.
    /// </summary>
    public FeelValue? ConstantValue => constant;

    /// <summary>
    /// The name when the whole expression is one variable reference (a decision table's input expression usually
    /// is). Its value is the scope's variable of that name, when the scope has a non-null one; otherwise
    /// evaluate the expression (a built-in function of that name, or null with a warning).
    /// </summary>
    public string? VariableName { get; }

    public string Source => source.Text;

    internal Node Root => root;

    /// <summary>Every call by plain name, in source order.</summary>
    public IReadOnlyList<FeelFunctionCall> FunctionCalls { get; }

    /// <summary>Top-level names the expression reads (best effort: names inside filters may be item fields).</summary>
    public IReadOnlyCollection<string> FreeVariables => freeVariables ??= CollectFreeVariables();

    /// <summary>Evaluates with spec semantics: data errors give null, never an exception.</summary>
    public FeelValue Evaluate(IFeelScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return constant ?? root.Evaluate(new EvaluationContext(scope, source, collectDiagnostics: false));
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
