using Vupe.Feel.Ast.UnaryTests;
using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast.Operators;

/// <summary><c>x in &lt;positive unary tests&gt;</c>: true if any test matches; null if none does but one was undecidable.</summary>
internal sealed class InNode(int position, Node value, IReadOnlyList<UnaryTest> tests) : Node(position)
{
    public override IEnumerable<Node> Children
    {
        get
        {
            yield return value;
            foreach (var test in tests)
            {
                foreach (var child in test.Children)
                {
                    yield return child;
                }
            }
        }
    }

    public override FeelValue Evaluate(EvaluationContext context) => UnaryTest.AnyMatches(tests, value.Evaluate(context), context);
}
