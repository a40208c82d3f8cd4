namespace Vupe.Feel;

public sealed class FeelString : FeelValue
{
    public static readonly FeelString Empty = new(string.Empty);

    public FeelString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    public string Value { get; }

    public override string TypeName => "string";

    public override object? ToObject() => Value;

    public override bool Equals(FeelValue? other) => other is FeelString s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
