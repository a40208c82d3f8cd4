using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast.UnaryTests;

/// <summary><c>not(t1, t2)</c>: true when none of the tests matches; null stays null.</summary>
internal sealed class NotTest(int position, IReadOnlyList<UnaryTest> tests) : UnaryTest(position)
{
    public override IEnumerable<Node> Children => tests.SelectMany(t => t.Children);

    public IReadOnlyList<UnaryTest> Tests => tests;

    public override UnaryTest Fold(EvaluationContext context) => new NotTest(Position, [.. tests.Select(t => t.Fold(context))]);

    public override FeelValue Test(FeelValue input, EvaluationContext context) =>
        UnaryTest.AnyMatches(tests, input, context) switch
        {
            FeelBoolean b => FeelBoolean.Of(!b.Value),
            _ => FeelNull.Instance,
        };
}
