namespace Vupe.Feel;

public sealed class FeelDaysTimeDuration : FeelValue
{
    public FeelDaysTimeDuration(TimeSpan value) => Value = value;

    public TimeSpan Value { get; }

    public override string TypeName => "days and time duration";

    public override object? ToObject() => Value;

    // The spec makes the two zero-length durations equal (P0D = P0M), hence the cross-type case.
    public override bool Equals(FeelValue? other) => other switch
    {
        FeelDaysTimeDuration d => d.Value == Value,
        FeelYearsMonthsDuration ym => ym.TotalMonths == 0 && Value == TimeSpan.Zero,
        _ => false,
    };

    public override int GetHashCode() => Value == TimeSpan.Zero ? 0 : Value.GetHashCode();
}
