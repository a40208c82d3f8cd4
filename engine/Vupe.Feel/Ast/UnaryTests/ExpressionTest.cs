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

    public override FeelValue Test(FeelValue input, EvaluationContext context) => Apply(input, expression.Evaluate(context), usesInput, context, Position);

    public override UnaryTest Fold(EvaluationContext context) =>
        !usesInput && UnaryTestFolding.IsClosed(expression) ? new ConstantExpressionTest(Position, expression.Evaluate(context)) : this;

    internal static FeelValue Apply(FeelValue input, FeelValue value, bool usesInput, EvaluationContext context, int position)
    {
        if (value is FeelBoolean && (usesInput || (input is not FeelBoolean && input is not FeelNull)))
        {
            return value;
        }

        return Comparison.Matches(input, value, context, position);
    }
}

/// <summary>An expression test whose value was a constant (a literal, a list or range of literals), evaluated at parse time.</summary>
internal sealed class ConstantExpressionTest(int position, FeelValue value) : UnaryTest(position)
{
    public FeelValue Value => value;

    public override FeelValue Test(FeelValue input, EvaluationContext context) => ExpressionTest.Apply(input, value, usesInput: false, context, Position);
}
