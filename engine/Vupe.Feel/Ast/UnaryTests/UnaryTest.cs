using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast.UnaryTests;

/// <summary>One test of a DMN input entry or of the right side of 'in'. Returns true, false or null.</summary>
internal abstract class UnaryTest(int position)
{
    public int Position { get; } = position;

    public virtual IEnumerable<Node> Children => [];

    public abstract FeelValue Test(FeelValue input, EvaluationContext context);

    /// <summary>This test with its endpoint evaluated once, when it reads no variable; itself otherwise.</summary>
    public virtual UnaryTest Fold(EvaluationContext context) => this;

    /// <summary>The disjunction of tests: true if any is true, null if none is but one is undecidable.</summary>
    public static FeelValue AnyMatches(IReadOnlyList<UnaryTest> tests, FeelValue input, EvaluationContext context)
    {
        var sawNull = false;
        for (var i = 0; i < tests.Count; i++)
        {
            var result = tests[i].Test(input, context);
            if (result == FeelBoolean.True)
            {
                return FeelBoolean.True;
            }

            sawNull |= result != FeelBoolean.False;
        }

        return sawNull ? FeelNull.Instance : FeelBoolean.False;
    }
}
