namespace Vupe.Feel;

/// <summary>
/// A FEEL range such as [1..10] or (&lt; 5). A null <see cref="Start"/> or <see cref="End"/> means unbounded
/// on that side (which is how the unary forms &lt; e, &gt;= e are represented).
/// </summary>
public sealed class FeelRange : FeelValue
{
    public FeelRange(FeelValue? start, bool startIncluded, FeelValue? end, bool endIncluded)
        : this(start, startIncluded, end, endIncluded, null)
    {
    }

    /// <param name="unaryOperator">For a unary comparison used as a value, (&lt; 10) or (= 10): its operator.</param>
    public FeelRange(FeelValue? start, bool startIncluded, FeelValue? end, bool endIncluded, string? unaryOperator)
    {
        UnaryOperator = unaryOperator;
        Start = start;
        StartIncluded = start is not null && startIncluded;
        End = end;
        EndIncluded = end is not null && endIncluded;
    }

    public FeelValue? Start { get; }

    public FeelValue? End { get; }

    public bool StartIncluded { get; }

    public bool EndIncluded { get; }

    /// <summary>The operator when the range was written as a unary comparison, (&lt; 10) or (= 10); null for a range literal.</summary>
    public string? UnaryOperator { get; }

    public override string TypeName => "range";

    public override object? ToObject() => this;

    public override bool Equals(FeelValue? other) =>
        other is FeelRange r
        && r.StartIncluded == StartIncluded
        && r.EndIncluded == EndIncluded
        && string.Equals(r.UnaryOperator, UnaryOperator, StringComparison.Ordinal)
        && Equals(r.Start, Start)
        && Equals(r.End, End);

    public override int GetHashCode() => HashCode.Combine(Start, End, StartIncluded, EndIncluded, UnaryOperator);
}
