namespace Vupe.Feel;

public sealed class FeelYearsMonthsDuration : FeelValue
{
    public FeelYearsMonthsDuration(int totalMonths) => TotalMonths = totalMonths;

    public FeelYearsMonthsDuration(int years, int months) => TotalMonths = checked((years * 12) + months);

    public int TotalMonths { get; }

    /// <summary>Whole years, negative for negative durations (P-1Y-2M has Years -1, Months -2).</summary>
    public int Years => TotalMonths / 12;

    public int Months => TotalMonths % 12;

    public override string TypeName => "years and months duration";

    public override object? ToObject() => this;

    public override bool Equals(FeelValue? other) => other switch
    {
        FeelYearsMonthsDuration ym => ym.TotalMonths == TotalMonths,
        FeelDaysTimeDuration d => TotalMonths == 0 && d.Value == TimeSpan.Zero,
        _ => false,
    };

    public override int GetHashCode() => TotalMonths == 0 ? 0 : TotalMonths.GetHashCode() ^ 0x5a5a;
}
