using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary>A constant: number, string, boolean, null or @"..." temporal, built once at parse time.</summary>
internal sealed class LiteralNode(int position, FeelValue value) : Node(position)
{
    public FeelValue Value { get; } = value;

    public override FeelValue Evaluate(EvaluationContext context) => Value;
}
