namespace Vupe.Feel;

public sealed class FeelDate : FeelValue
{
    public FeelDate(DateOnly value) => Value = value;

    public DateOnly Value { get; }

    public override string TypeName => "date";

    public override object? ToObject() => Value;

    public override bool Equals(FeelValue? other) => other is FeelDate d && d.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();
}
