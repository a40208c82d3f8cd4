using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast.UnaryTests;

/// <summary>The input entry "-": matches every input.</summary>
internal sealed class AnyTest(int position) : UnaryTest(position)
{
    public override FeelValue Test(FeelValue input, EvaluationContext context) => FeelBoolean.True;
}
