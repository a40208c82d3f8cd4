namespace Vupe.Feel;

public sealed class FeelBoolean : FeelValue
{
    // Only these two instances exist, so conditions evaluate without allocating.
    public static readonly FeelBoolean True = new(true);
    public static readonly FeelBoolean False = new(false);

    private FeelBoolean(bool value) => Value = value;

    public bool Value { get; }

    public override string TypeName => "boolean";

    public static FeelBoolean Of(bool value) => value ? True : False;

    public override object? ToObject() => Value;

    public override bool Equals(FeelValue? other) => other is FeelBoolean b && b.Value == Value;

    public override int GetHashCode() => Value ? 1 : 2;
}
