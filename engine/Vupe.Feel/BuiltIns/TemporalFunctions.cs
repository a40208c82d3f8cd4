using System.Globalization;
using Vupe.Feel.Evaluation;

namespace Vupe.Feel.BuiltIns;

/// <summary>now(), today() (read from the scope's <see cref="TimeProvider"/>) and calendar functions.</summary>
internal static class TemporalFunctions
{
    public static void Register(BuiltInRegistry registry)
    {
        registry.Add("now", [], static (_, c) => new FeelDateTime(c.Now));
        registry.Add("today", [], static (_, c) => new FeelDate(DateOnly.FromDateTime(c.Now.DateTime)));
        registry.Add("day of week", ["date"], static (a, c) =>
            TryDate(a[0], c, out var d) ? new FeelString(d.DayOfWeek.ToString()) : FeelNull.Instance);
        registry.Add("day of year", ["date"], static (a, c) =>
            TryDate(a[0], c, out var d) ? FeelNumber.Of(d.DayOfYear) : FeelNull.Instance);
        registry.Add("week of year", ["date"], static (a, c) =>
            TryDate(a[0], c, out var d) ? FeelNumber.Of(ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue))) : FeelNull.Instance);
        registry.Add("month of year", ["date"], static (a, c) =>
            TryDate(a[0], c, out var d) ? new FeelString(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(d.Month)) : FeelNull.Instance);
    }

    private static bool TryDate(FeelValue value, EvaluationContext c, out DateOnly date)
    {
        switch (value)
        {
            case FeelDate d:
                date = d.Value;
                return true;
            case FeelDateTime dt:
                date = DateOnly.FromDateTime(dt.LocalDateTime);
                return true;
            default:
                date = default;
                return Args.Fail(value, "date", "a date or date and time", c);
        }
    }
}
