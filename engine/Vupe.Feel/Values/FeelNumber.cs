namespace Vupe.Feel;

/// <summary>A FEEL number. FEEL numbers are decimal, so 0.1 + 0.2 = 0.3 holds.</summary>
public sealed class FeelNumber : FeelValue
{
    private static readonly FeelNumber[] SmallIntegers = CreateSmallIntegers();

    public FeelNumber(decimal value) => Value = value;

    public static FeelNumber Zero => SmallIntegers[0];

    public static FeelNumber One => SmallIntegers[1];

    public decimal Value { get; }

    public override string TypeName => "number";

    /// <summary>Returns a shared instance for small integers (counts, indexes) to spare allocations.</summary>
    public static FeelNumber Of(decimal value)
    {
        if (value >= 0 && value < SmallIntegers.Length && decimal.IsInteger(value) && value.Scale == 0)
        {
            return SmallIntegers[(int)value];
        }

        return new FeelNumber(value);
    }

    public override object? ToObject() => Value;

    public override bool Equals(FeelValue? other) => other is FeelNumber n && n.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    private static FeelNumber[] CreateSmallIntegers()
    {
        var numbers = new FeelNumber[256];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = new FeelNumber(i);
        }

        return numbers;
    }
}
