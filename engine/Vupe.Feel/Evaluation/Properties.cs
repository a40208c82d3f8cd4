namespace Vupe.Feel.Evaluation;

/// <summary>The built-in properties of temporal values, durations and ranges (d.year, dur.hours, r.start ...).</summary>
internal static class Properties
{
    public static bool TryGet(FeelValue value, string name, out FeelValue result)
    {
        result = value switch
        {
            FeelDate d => name switch
            {
                "year" => FeelNumber.Of(d.Value.Year),
                "month" => FeelNumber.Of(d.Value.Month),
                "day" => FeelNumber.Of(d.Value.Day),
                "weekday" => FeelNumber.Of(IsoWeekday(d.Value.DayOfWeek)),
                _ => null!,
            },
            FeelDateTime dt => name switch
            {
                "year" => FeelNumber.Of(dt.LocalDateTime.Year),
                "month" => FeelNumber.Of(dt.LocalDateTime.Month),
                "day" => FeelNumber.Of(dt.LocalDateTime.Day),
                "weekday" => FeelNumber.Of(IsoWeekday(dt.LocalDateTime.DayOfWeek)),
                "hour" => FeelNumber.Of(dt.LocalDateTime.Hour),
                "minute" => FeelNumber.Of(dt.LocalDateTime.Minute),
                "second" => Seconds(dt.LocalDateTime.TimeOfDay),
                "time offset" => dt.Offset is { } o ? new FeelDaysTimeDuration(o) : FeelNull.Instance,
                "timezone" => dt.ZoneId is { } z ? new FeelString(z) : FeelNull.Instance,
                _ => null!,
            },
            FeelTime t => name switch
            {
                "hour" => FeelNumber.Of(t.LocalTime.Hour),
                "minute" => FeelNumber.Of(t.LocalTime.Minute),
                "second" => Seconds(t.LocalTime.ToTimeSpan()),
                "time offset" => t.Offset is { } o ? new FeelDaysTimeDuration(o) : FeelNull.Instance,
                "timezone" => t.ZoneId is { } z ? new FeelString(z) : FeelNull.Instance,
                _ => null!,
            },
            FeelDaysTimeDuration d => name switch
            {
                "days" => FeelNumber.Of(d.Value.Days),
                "hours" => FeelNumber.Of(d.Value.Hours),
                "minutes" => FeelNumber.Of(d.Value.Minutes),
                "seconds" => Seconds(new TimeSpan(d.Value.Ticks % TimeSpan.TicksPerMinute)),
                _ => null!,
            },
            FeelYearsMonthsDuration ym => name switch
            {
                "years" => FeelNumber.Of(ym.Years),
                "months" => FeelNumber.Of(ym.Months),
                _ => null!,
            },
            FeelRange r => name switch
            {
                "start" => r.Start ?? FeelNull.Instance,
                "end" => r.End ?? FeelNull.Instance,
                "start included" => FeelBoolean.Of(r.StartIncluded),
                "end included" => FeelBoolean.Of(r.EndIncluded),
                _ => null!,
            },
            _ => null!,
        };
        return result is not null;
    }

    public static int IsoWeekday(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;

    private static FeelNumber Seconds(TimeSpan time) =>
        FeelNumber.Of(time.Seconds + ((decimal)(time.Ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerSecond));
}
