namespace Vupe.Feel.Ast.Operators;

/// <summary>Base of the binary operators; <see cref="Node.Position"/> is the operator's offset.</summary>
internal abstract class BinaryNode(int position, Node left, Node right) : Node(position)
{
    public Node Left { get; } = left;

    public Node Right { get; } = right;

    public override IEnumerable<Node> Children => [Left, Right];
}
