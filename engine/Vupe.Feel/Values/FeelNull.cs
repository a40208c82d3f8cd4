namespace Vupe.Feel;

public sealed class FeelNull : FeelValue
{
    public static readonly FeelNull Instance = new();

    private FeelNull()
    {
    }

    public override string TypeName => "null";

    public override object? ToObject() => null;

    public override bool Equals(FeelValue? other) => other is FeelNull;

    public override int GetHashCode() => 0;
}
