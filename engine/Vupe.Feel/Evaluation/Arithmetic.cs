namespace Vupe.Feel.Evaluation;

/// <summary>
/// FEEL arithmetic over numbers, strings (+ only), temporals and durations. Nulls propagate silently (the
/// null's origin reports its own diagnostic); unsupported type pairs and overflows yield null plus a diagnostic.
/// </summary>
internal static class Arithmetic
{
    public static FeelValue Add(FeelValue left, FeelValue right, EvaluationContext context, int position)
    {
        try
        {
            switch (left, right)
            {
                case (FeelNull, _) or (_, FeelNull):
                    return FeelNull.Instance;
                case (FeelNumber a, FeelNumber b):
                    return new FeelNumber(a.Value + b.Value);
                case (FeelString a, FeelString b):
                    return new FeelString(a.Value + b.Value);
                case (FeelDaysTimeDuration a, FeelDaysTimeDuration b):
                    return new FeelDaysTimeDuration(a.Value + b.Value);
                case (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b):
                    return new FeelYearsMonthsDuration(checked(a.TotalMonths + b.TotalMonths));
                case (FeelDaysTimeDuration or FeelYearsMonthsDuration, FeelDate or FeelDateTime or FeelTime):
                    return Add(right, left, context, position);
                case (FeelDate d, FeelDaysTimeDuration dur):
                    return new FeelDate(DateOnly.FromDateTime(d.Value.ToDateTime(TimeOnly.MinValue) + dur.Value));
                case (FeelDate d, FeelYearsMonthsDuration dur):
                    return new FeelDate(d.Value.AddMonths(dur.TotalMonths));
                case (FeelDateTime dt, FeelDaysTimeDuration dur):
                    return AddToDateTime(dt, dur.Value);
                case (FeelDateTime dt, FeelYearsMonthsDuration dur):
                    return WithLocal(dt, dt.LocalDateTime.AddMonths(dur.TotalMonths));
                case (FeelTime t, FeelDaysTimeDuration dur):
                    return WithLocal(t, t.LocalTime.Add(dur.Value));
            }
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            return context.Warn(position, $"the result of adding {Describe(left)} and {Describe(right)} is out of range");
        }

        return context.Warn(position, $"cannot add {left.TypeName} and {right.TypeName}");
    }

    public static FeelValue Subtract(FeelValue left, FeelValue right, EvaluationContext context, int position)
    {
        try
        {
            switch (left, right)
            {
                case (FeelNull, _) or (_, FeelNull):
                    return FeelNull.Instance;
                case (FeelNumber a, FeelNumber b):
                    return new FeelNumber(a.Value - b.Value);
                case (FeelDaysTimeDuration a, FeelDaysTimeDuration b):
                    return new FeelDaysTimeDuration(a.Value - b.Value);
                case (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b):
                    return new FeelYearsMonthsDuration(checked(a.TotalMonths - b.TotalMonths));
                case (FeelDate a, FeelDate b):
                    return new FeelDaysTimeDuration(TimeSpan.FromDays(a.Value.DayNumber - b.Value.DayNumber));
                case (FeelDateTime a, FeelDateTime b):
                    return SubtractDateTimes(a, b, context, position);
                case (FeelDate a, FeelDateTime b):
                    return SubtractDateTimes(AtMidnight(a, b), b, context, position);
                case (FeelDateTime a, FeelDate b):
                    return SubtractDateTimes(a, AtMidnight(b, a), context, position);
                case (FeelTime a, FeelTime b):
                    if (a.HasTimeZone != b.HasTimeZone)
                    {
                        return context.Warn(position, "cannot subtract a time with a time zone and one without");
                    }

                    return new FeelDaysTimeDuration(TimeSpan.FromTicks(a.ComparisonTicks - b.ComparisonTicks));
                case (FeelDate or FeelDateTime or FeelTime, FeelDaysTimeDuration or FeelYearsMonthsDuration):
                    return Add(left, Negate(right, context, position), context, position);
            }
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            return context.Warn(position, $"the result of subtracting {Describe(right)} from {Describe(left)} is out of range");
        }

        return context.Warn(position, $"cannot subtract {right.TypeName} from {left.TypeName}");
    }

    public static FeelValue Multiply(FeelValue left, FeelValue right, EvaluationContext context, int position)
    {
        try
        {
            switch (left, right)
            {
                case (FeelNull, _) or (_, FeelNull):
                    return FeelNull.Instance;
                case (FeelNumber a, FeelNumber b):
                    return new FeelNumber(a.Value * b.Value);
                case (FeelNumber, FeelDaysTimeDuration or FeelYearsMonthsDuration):
                    return Multiply(right, left, context, position);
                case (FeelDaysTimeDuration d, FeelNumber n):
                    return new FeelDaysTimeDuration(TimeSpan.FromTicks(decimal.ToInt64(decimal.Truncate(d.Value.Ticks * n.Value))));
                case (FeelYearsMonthsDuration d, FeelNumber n):
                    return new FeelYearsMonthsDuration(decimal.ToInt32(decimal.Truncate(d.TotalMonths * n.Value)));
            }
        }
        catch (OverflowException)
        {
            return context.Warn(position, $"the result of multiplying {Describe(left)} by {Describe(right)} is out of range");
        }

        return context.Warn(position, $"cannot multiply {left.TypeName} by {right.TypeName}");
    }

    public static FeelValue Divide(FeelValue left, FeelValue right, EvaluationContext context, int position)
    {
        if (left is FeelNull || right is FeelNull)
        {
            return FeelNull.Instance;
        }

        if (right is FeelNumber { Value: 0 } || right is FeelDaysTimeDuration { Value.Ticks: 0 } || right is FeelYearsMonthsDuration { TotalMonths: 0 })
        {
            return context.Warn(position, "division by zero");
        }

        try
        {
            switch (left, right)
            {
                case (FeelNumber a, FeelNumber b):
                    return new FeelNumber(a.Value / b.Value);
                case (FeelDaysTimeDuration d, FeelNumber n):
                    return new FeelDaysTimeDuration(TimeSpan.FromTicks(decimal.ToInt64(decimal.Truncate(d.Value.Ticks / n.Value))));
                case (FeelYearsMonthsDuration d, FeelNumber n):
                    return new FeelYearsMonthsDuration(decimal.ToInt32(decimal.Truncate(d.TotalMonths / n.Value)));
                case (FeelDaysTimeDuration a, FeelDaysTimeDuration b):
                    return new FeelNumber((decimal)a.Value.Ticks / b.Value.Ticks);
                case (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b):
                    return new FeelNumber((decimal)a.TotalMonths / b.TotalMonths);
            }
        }
        catch (OverflowException)
        {
            return context.Warn(position, $"the result of dividing {Describe(left)} by {Describe(right)} is out of range");
        }

        return context.Warn(position, $"cannot divide {left.TypeName} by {right.TypeName}");
    }

    public static FeelValue Power(FeelValue left, FeelValue right, EvaluationContext context, int position)
    {
        if (left is FeelNull || right is FeelNull)
        {
            return FeelNull.Instance;
        }

        if (left is not FeelNumber a || right is not FeelNumber b)
        {
            return context.Warn(position, $"cannot raise {left.TypeName} to the power of {right.TypeName}");
        }

        try
        {
            if (decimal.IsInteger(b.Value) && Math.Abs(b.Value) <= int.MaxValue)
            {
                var exponent = (int)b.Value;
                if (a.Value == 0 && exponent < 0)
                {
                    return context.Warn(position, "division by zero");
                }

                var result = IntegerPower(a.Value, Math.Abs(exponent));
                return new FeelNumber(exponent < 0 ? 1 / result : result);
            }

            var real = Math.Pow((double)a.Value, (double)b.Value);
            if (!double.IsFinite(real))
            {
                return context.Warn(position, $"{Describe(left)} ** {Describe(right)} is not a real number");
            }

            return new FeelNumber((decimal)real);
        }
        catch (OverflowException)
        {
            return context.Warn(position, $"{Describe(left)} ** {Describe(right)} is out of range");
        }
    }

    public static FeelValue Negate(FeelValue operand, EvaluationContext context, int position) => operand switch
    {
        FeelNull => FeelNull.Instance,
        FeelNumber n => new FeelNumber(-n.Value),
        FeelDaysTimeDuration d => new FeelDaysTimeDuration(d.Value.Negate()),
        FeelYearsMonthsDuration d => new FeelYearsMonthsDuration(-d.TotalMonths),
        _ => context.Warn(position, $"cannot negate {operand.TypeName}"),
    };

    private static decimal IntegerPower(decimal value, int exponent)
    {
        var result = 1m;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1)
            {
                result *= value;
            }

            exponent >>= 1;
            if (exponent > 0)
            {
                value *= value;
            }
        }

        return result;
    }

    private static FeelDateTime AddToDateTime(FeelDateTime dateTime, TimeSpan duration)
    {
        // In a named zone, adding hours must cross daylight-saving changes on the instant line.
        if (dateTime.ZoneId is not null)
        {
            return dateTime.WithInstant(dateTime.Instant!.Value + duration);
        }

        return WithLocal(dateTime, dateTime.LocalDateTime + duration);
    }

    private static FeelDateTime WithLocal(FeelDateTime original, DateTime local) =>
        original.ZoneId is { } zone ? new FeelDateTime(local, zone)
        : original.Offset is { } offset ? new FeelDateTime(local, offset)
        : new FeelDateTime(local);

    private static FeelTime WithLocal(FeelTime original, TimeOnly local) =>
        original.ZoneId is { } zone ? new FeelTime(local, zone) : new FeelTime(local, original.Offset);

    private static FeelValue SubtractDateTimes(FeelDateTime a, FeelDateTime b, EvaluationContext context, int position)
    {
        if (a.HasTimeZone != b.HasTimeZone)
        {
            return context.Warn(position, "cannot subtract a date and time with a time zone and one without");
        }

        var difference = a.HasTimeZone ? a.Instant!.Value - b.Instant!.Value : a.LocalDateTime - b.LocalDateTime;
        return new FeelDaysTimeDuration(difference);
    }

    /// <summary>A date used with a date and time counts as midnight in the other value's zone.</summary>
    internal static FeelDateTime AtMidnight(FeelDate date, FeelDateTime like) => WithLocal(like, date.Value.ToDateTime(TimeOnly.MinValue));

    private static string Describe(FeelValue value) => ValueFormatter.ToLiteral(value);
}
