using Vupe.Feel.Evaluation;

namespace Vupe.Feel.Ast;

/// <summary><c>function(a, b) a + b</c>: a closure over the frames and the scope where it is evaluated.</summary>
/// <remarks>Typed parameters (<c>function(a: number)</c>) refuse an argument of another type: the call is null.</remarks>
internal sealed class FunctionDefinitionNode(int position, IReadOnlyList<string> parameters, IReadOnlyList<TypeReference?>? types, Node body) : Node(position)
{
    public override IEnumerable<Node> Children => [body];

    public override FeelValue Evaluate(EvaluationContext context) =>
        new FeelFunction(null, new UserFunction(parameters, body, context.Frame, context.Root, types));

    public override void CollectFreeVariables(BoundNames? bound, HashSet<string> names)
    {
        foreach (var parameter in parameters)
        {
            bound = new BoundNames(parameter, bound);
        }

        body.CollectFreeVariables(bound, names);
    }
}
