using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast.UnaryTests;

/// <summary>
/// An expression used as a test. If it mentions '?', its boolean result is the answer. Otherwise its value
/// is what the input must match: a list by membership, a range by containment, anything else by equality
/// (and a boolean result applied to a non-boolean input, as in <c>list contains(x, "A")</c>, is the answer).
/// </summary>
internal sealed class ExpressionTest(int position, Node expression, bool usesInput) : UnaryTest(position)
{
    public override IEnumerable<Node> Children => [expression];

    public override FeelValue Test(FeelValue input, EvaluationContext context)
    {
        var value = expression.Evaluate(context);
        if (value is FeelBoolean && (usesInput || (input is not FeelBoolean && input is not FeelNull)))
        {
            return value;
        }

        return Comparison.Matches(input, value, context, Position);
    }
}
