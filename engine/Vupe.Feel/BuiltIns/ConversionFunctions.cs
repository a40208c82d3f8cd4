using System.Globalization;
using Vupe.Feel.Evaluation;

namespace Vupe.Feel.BuiltIns;

/// <summary>string(), number(), date(), time(), date and time(), duration(), years and months duration().</summary>
internal static class ConversionFunctions
{
    public static void Register(BuiltInRegistry registry)
    {
        registry.Add("string", ["from"], static (a, _) => a[0] is FeelNull ? FeelNull.Instance : new FeelString(ValueFormatter.ToFeelString(a[0])));
        registry.Add("number", ["from"], static (a, c) => Number(a[0], FeelNull.Instance, FeelNull.Instance, c));
        registry.Add("number", ["from", "grouping separator", "decimal separator"], static (a, c) => Number(a[0], a[1], a[2], c));
        registry.Add("date", ["from"], static (a, c) => a[0] switch
        {
            FeelDate d => d,
            FeelDateTime dt => new FeelDate(DateOnly.FromDateTime(dt.LocalDateTime)),
            FeelString s => (FeelValue?)TemporalText.ParseDate(s.Value) ?? c.ArgumentError($"\"{s.Value}\" is not a date (expected yyyy-MM-dd)"),
            var other => Fail(other, "from", "a string, date or date and time", c),
        });
        registry.Add("date", ["year", "month", "day"], static (a, c) =>
        {
            if (!Args.Integer(a[0], "year", c, out var y) || !Args.Integer(a[1], "month", c, out var m) || !Args.Integer(a[2], "day", c, out var d))
            {
                return FeelNull.Instance;
            }

            return y is >= 1 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
                ? new FeelDate(new DateOnly(y, m, d))
                : c.ArgumentError($"{y}-{m}-{d} is not a valid date");
        });
        registry.Add("time", ["from"], static (a, c) => a[0] switch
        {
            FeelTime t => t,
            FeelDateTime dt => TimeOf(dt),
            FeelDate => new FeelTime(TimeOnly.MinValue, TimeSpan.Zero),
            FeelString s => (FeelValue?)TemporalText.ParseTime(s.Value) ?? c.ArgumentError($"\"{s.Value}\" is not a time (expected hh:mm:ss)"),
            var other => Fail(other, "from", "a string, time or date and time", c),
        });
        registry.Add("time", ["hour", "minute", "second"], static (a, c) => Time(a[0], a[1], a[2], FeelNull.Instance, c));
        registry.Add("time", ["hour", "minute", "second", "offset"], static (a, c) => Time(a[0], a[1], a[2], a[3], c));
        registry.Add("date and time", ["from"], static (a, c) => a[0] switch
        {
            FeelDateTime dt => dt,
            FeelDate d => new FeelDateTime(d.Value.ToDateTime(TimeOnly.MinValue)),
            FeelString s => (FeelValue?)TemporalText.ParseDateTime(s.Value)
                ?? (TemporalText.ParseDate(s.Value) is { } date ? new FeelDateTime(date.Value.ToDateTime(TimeOnly.MinValue)) : null)
                ?? c.ArgumentError($"\"{s.Value}\" is not a date and time (expected yyyy-MM-ddThh:mm:ss, optionally with Z, an offset or @zone)"),
            var other => Fail(other, "from", "a string or date", c),
        });
        registry.Add("date and time", ["date", "time"], static (a, c) =>
        {
            DateOnly day;
            switch (a[0])
            {
                case FeelDate d:
                    day = d.Value;
                    break;
                case FeelDateTime dt:
                    day = DateOnly.FromDateTime(dt.LocalDateTime);
                    break;
                default:
                    return Fail(a[0], "date", "a date or date and time", c);
            }

            if (a[1] is not FeelTime t)
            {
                return Fail(a[1], "time", "a time", c);
            }

            var local = day.ToDateTime(t.LocalTime);
            return t.ZoneId is { } zone ? new FeelDateTime(local, zone)
                : t.Offset is { } offset ? new FeelDateTime(local, offset)
                : new FeelDateTime(local);
        });
        registry.Add("duration", ["from"], static (a, c) => a[0] switch
        {
            FeelDaysTimeDuration or FeelYearsMonthsDuration => a[0],
            FeelString s => TemporalText.ParseDuration(s.Value) ?? c.ArgumentError($"\"{s.Value}\" is not a duration (expected ISO-8601 such as P1Y2M or P1DT2H)"),
            var other => Fail(other, "from", "a string", c),
        });
        registry.Add("years and months duration", ["from", "to"], static (a, c) =>
        {
            if (!TryDateTime(a[0], "from", c, out var from) || !TryDateTime(a[1], "to", c, out var to))
            {
                return FeelNull.Instance;
            }

            var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
            // Whole months between the dates: the time of day does not count (as the DMN TCK expects).
            var fromRest = from.Day;
            var toRest = to.Day;
            if (months > 0 && toRest < fromRest)
            {
                months--;
            }
            else if (months < 0 && toRest > fromRest)
            {
                months++;
            }

            return new FeelYearsMonthsDuration(months);
        });
    }

    private static FeelTime TimeOf(FeelDateTime dt)
    {
        var time = TimeOnly.FromDateTime(dt.LocalDateTime);
        return dt.ZoneId is { } zone ? new FeelTime(time, zone) : new FeelTime(time, dt.Offset);
    }

    private static FeelValue Time(FeelValue hour, FeelValue minute, FeelValue second, FeelValue offset, EvaluationContext c)
    {
        if (!Args.Integer(hour, "hour", c, out var h) || !Args.Integer(minute, "minute", c, out var m) || !Args.Number(second, "second", c, out var s))
        {
            return FeelNull.Instance;
        }

        if (h is < 0 or > 23 || m is < 0 or > 59 || s < 0 || s >= 60)
        {
            return c.ArgumentError($"{h}:{m}:{s} is not a valid time of day");
        }

        var ticks = new TimeSpan(h, m, 0).Ticks + (long)(s * TimeSpan.TicksPerSecond);
        return offset switch
        {
            FeelNull => new FeelTime(new TimeOnly(ticks)),
            FeelDaysTimeDuration d => new FeelTime(new TimeOnly(ticks), d.Value),
            var other => Fail(other, "offset", "a days and time duration", c),
        };
    }

    private static FeelValue Number(FeelValue from, FeelValue grouping, FeelValue separator, EvaluationContext c)
    {
        if (!Args.String(from, "from", c, out var text))
        {
            return FeelNull.Instance;
        }

        string? group = null;
        if (grouping is not FeelNull)
        {
            if (!Args.String(grouping, "grouping separator", c, out group))
            {
                return FeelNull.Instance;
            }

            if (group is not (" " or "," or "."))
            {
                return c.ArgumentError("'grouping separator' must be one of \" \", \",\" or \".\"");
            }
        }

        string? point = null;
        if (separator is not FeelNull)
        {
            if (!Args.String(separator, "decimal separator", c, out point))
            {
                return FeelNull.Instance;
            }

            if (point is not ("," or "."))
            {
                return c.ArgumentError("'decimal separator' must be \",\" or \".\"");
            }
        }

        if (group is not null && string.Equals(group, point, StringComparison.Ordinal))
        {
            return c.ArgumentError("the grouping and decimal separators must differ");
        }

        if (group is not null)
        {
            text = text.Replace(group, string.Empty, StringComparison.Ordinal);
        }

        if (point is not null)
        {
            text = text.Replace(point, ".", StringComparison.Ordinal);
        }

        return decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var n)
            ? new FeelNumber(n)
            : c.ArgumentError($"\"{((FeelString)from).Value}\" is not a number");
    }

    private static bool TryDateTime(FeelValue value, string parameter, EvaluationContext c, out DateTime result)
    {
        switch (value)
        {
            case FeelDate d:
                result = d.Value.ToDateTime(TimeOnly.MinValue);
                return true;
            case FeelDateTime dt:
                result = dt.LocalDateTime;
                return true;
            default:
                result = default;
                return Args.Fail(value, parameter, "a date or date and time", c);
        }
    }

    private static FeelNull Fail(FeelValue value, string parameter, string expected, EvaluationContext c)
    {
        Args.Fail(value, parameter, expected, c);
        return FeelNull.Instance;
    }
}
