using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary><c>function(a, b) a + b</c>: a closure over the frames where it is evaluated.</summary>
internal sealed class FunctionDefinitionNode(int position, IReadOnlyList<string> parameters, Node body) : Node(position)
{
    public override IEnumerable<Node> Children => [body];

    public override FeelValue Evaluate(EvaluationContext context) =>
        new FeelFunction(null, new UserFunction(parameters, body, context.Frame));

    public override void CollectFreeVariables(BoundNames? bound, HashSet<string> names)
    {
        foreach (var parameter in parameters)
        {
            bound = new BoundNames(parameter, bound);
        }

        body.CollectFreeVariables(bound, names);
    }
}
