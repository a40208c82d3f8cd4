namespace Vupe.Feel;

/// <summary>
/// A FEEL value. The family is closed (every subclass is sealed and lives in this assembly) so that
/// the evaluator can switch exhaustively on the kind without visitors.
/// </summary>
public abstract class FeelValue : IEquatable<FeelValue>
{
    private protected FeelValue()
    {
    }

    /// <summary>The FEEL type name: "number", "date and time", "days and time duration", ...</summary>
    public abstract string TypeName { get; }

    public bool IsNull => ReferenceEquals(this, FeelNull.Instance);

    /// <summary>Converts a CLR value to FEEL. Unsupported types throw <see cref="ArgumentException"/>.</summary>
    public static FeelValue FromObject(object? value) => ValueConversion.FromObject(value);

    /// <summary>The natural CLR representation of this value (see each subclass).</summary>
    public abstract object? ToObject();

    /// <summary>Structural equality as FEEL defines it for two values of the same kind.</summary>
    public abstract bool Equals(FeelValue? other);

    public sealed override bool Equals(object? obj) => obj is FeelValue v && Equals(v);

    public abstract override int GetHashCode();

    /// <summary>The value written as a FEEL literal where one exists (strings quoted, dates as @"...").</summary>
    public override string ToString() => ValueFormatter.ToLiteral(this);
}
