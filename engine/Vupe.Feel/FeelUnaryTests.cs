using Vupe.Feel.Ast;
using Vupe.Feel.Ast.UnaryTests;
using Vupe.Feel.Evaluation;
using Vupe.Feel.Syntax;

namespace Vupe.Feel;

/// <summary>Parsed DMN unary tests (a decision table input entry).</summary>
public sealed class FeelUnaryTests
{
    private readonly SourceText source;
    private readonly IReadOnlyList<UnaryTest> tests;

    internal FeelUnaryTests(SourceText source, IReadOnlyList<UnaryTest> tests, IReadOnlyList<FeelFunctionCall> functionCalls)
    {
        this.source = source;
        this.tests = tests;
        FunctionCalls = functionCalls;
        matchesEverything = tests.Any(t => t is AnyTest);
        // Endpoints that read nothing ("< 18", "[1..5]", "\"A\", \"B\"") are evaluated once, here.
        var folding = new EvaluationContext(FeelScope.Empty, source, collectDiagnostics: false);
        folded = [.. tests.Select(t => t.Fold(folding))];
        constant = folded.All(UnaryTestFolding.IsConstant);
        matcher = constant && !matchesEverything ? ConstantMatcher.TryCreate(folded) : null;
    }

    // Typed form of constant tests (string sets, number comparisons, ...): same answer, no FEEL booleans.
    private readonly ConstantMatcher? matcher;

    internal bool UsesConstantMatcher => matcher is not null;

    /// <summary>
    /// True when the tests read nothing (no variable, no function, no '?'): their answer for a value never
    /// changes, so it can be decided once (e.g. a constant output entry against its output values, at load).
    /// </summary>
    public bool IsConstant => constant;

    private readonly IReadOnlyList<UnaryTest> folded;
    private readonly bool constant;

    // Constant tests only compare values: a context that records nothing serves every call and thread.
    private static readonly EvaluationContext Silent = new(FeelScope.Empty, SourceText.None, collectDiagnostics: false);

    // "-" (alone or in a list) matches any input: decision tables are full of it, so it skips evaluation.
    private readonly bool matchesEverything;

    public string Source => source.Text;

    public IReadOnlyList<FeelFunctionCall> FunctionCalls { get; }

    /// <summary>Names read from the scope, not counting the input '?'.</summary>
    public IReadOnlyCollection<string> FreeVariables
    {
        get
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var bound = new BoundNames("?", null);
            foreach (var test in tests)
            {
                foreach (var node in test.Children)
                {
                    node.CollectFreeVariables(bound, names);
                }
            }

            return names;
        }
    }

    /// <summary>True when the input matches; false when it does not or the outcome is null.</summary>
    public bool Matches(FeelValue input, IFeelScope scope)
    {
        if (matchesEverything) return true;
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(scope);
        if (matcher is not null && input is not FeelList) return matcher.Matches(input);
        if (constant) return UnaryTest.AnyMatches(folded, input, Silent) == FeelBoolean.True;
        var context = new EvaluationContext(scope, source, collectDiagnostics: false) { Frame = new VariableFrame(null, "?", input) };
        return UnaryTest.AnyMatches(folded, input, context) == FeelBoolean.True;
    }

    /// <summary>The three-valued outcome (true, false or null) with the warnings behind a null.</summary>
    public FeelEvaluation TestWithDiagnostics(FeelValue input, IFeelScope scope) => Test(input, scope, collectDiagnostics: true);

    public override string ToString() => Source;

    private FeelEvaluation Test(FeelValue input, IFeelScope scope, bool collectDiagnostics)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(scope);
        var context = new EvaluationContext(scope, source, collectDiagnostics);
        context.Frame = new VariableFrame(null, "?", input);
        var result = UnaryTest.AnyMatches(tests, input, context);
        return new FeelEvaluation(result, context.Diagnostics);
    }
}
