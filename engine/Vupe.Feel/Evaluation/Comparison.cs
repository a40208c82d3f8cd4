namespace Vupe.Feel.Evaluation;

/// <summary>FEEL equality and ordering. Values of different kinds are not comparable: the result is null.</summary>
internal static class Comparison
{
    public static FeelValue Equal(FeelValue left, FeelValue right, EvaluationContext context, int position)
    {
        if (left is FeelNull || right is FeelNull)
        {
            return FeelBoolean.Of(left is FeelNull && right is FeelNull);
        }

        if (left.GetType() != right.GetType() && !(IsDuration(left) && IsDuration(right)))
        {
            return context.Warn(position, $"cannot compare {left.TypeName} with {right.TypeName}");
        }

        return FeelBoolean.Of(left.Equals(right));
    }

    public static FeelValue NotEqual(FeelValue left, FeelValue right, EvaluationContext context, int position) =>
        Equal(left, right, context, position) is FeelBoolean b ? FeelBoolean.Of(!b.Value) : FeelNull.Instance;

    /// <summary>Orders two values; null when they are not comparable (a diagnostic says why).</summary>
    public static int? Compare(FeelValue left, FeelValue right, EvaluationContext context, int position)
    {
        switch (left, right)
        {
            case (FeelNumber a, FeelNumber b):
                return a.Value.CompareTo(b.Value);
            case (FeelString a, FeelString b):
                return string.CompareOrdinal(a.Value, b.Value);
            case (FeelDate a, FeelDate b):
                return a.Value.CompareTo(b.Value);
            case (FeelDaysTimeDuration a, FeelDaysTimeDuration b):
                return a.Value.CompareTo(b.Value);
            case (FeelYearsMonthsDuration a, FeelYearsMonthsDuration b):
                return a.TotalMonths.CompareTo(b.TotalMonths);
            case (FeelDateTime a, FeelDateTime b):
                if (a.HasTimeZone != b.HasTimeZone)
                {
                    context.Warn(position, "cannot compare a date and time with a time zone to one without");
                    return null;
                }

                return a.HasTimeZone ? a.Instant!.Value.CompareTo(b.Instant!.Value) : a.LocalDateTime.CompareTo(b.LocalDateTime);
            case (FeelTime a, FeelTime b):
                if (a.HasTimeZone != b.HasTimeZone)
                {
                    context.Warn(position, "cannot compare a time with a time zone to one without");
                    return null;
                }

                return a.ComparisonTicks.CompareTo(b.ComparisonTicks);
            case (FeelDate a, FeelDateTime b):
                return Compare(Arithmetic.AtMidnight(a, b), b, context, position);
            case (FeelDateTime a, FeelDate b):
                return Compare(a, Arithmetic.AtMidnight(b, a), context, position);
            default:
                context.Warn(position, left.GetType() == right.GetType()
                    ? $"cannot order values of type {left.TypeName}"
                    : $"cannot compare {left.TypeName} with {right.TypeName}");
                return null;
        }
    }

    public static FeelValue LessThan(FeelValue left, FeelValue right, EvaluationContext context, int position) =>
        Compare(left, right, context, position) is { } c ? FeelBoolean.Of(c < 0) : FeelNull.Instance;

    public static FeelValue LessThanOrEqual(FeelValue left, FeelValue right, EvaluationContext context, int position) =>
        Compare(left, right, context, position) is { } c ? FeelBoolean.Of(c <= 0) : FeelNull.Instance;

    public static FeelValue GreaterThan(FeelValue left, FeelValue right, EvaluationContext context, int position) =>
        Compare(left, right, context, position) is { } c ? FeelBoolean.Of(c > 0) : FeelNull.Instance;

    public static FeelValue GreaterThanOrEqual(FeelValue left, FeelValue right, EvaluationContext context, int position) =>
        Compare(left, right, context, position) is { } c ? FeelBoolean.Of(c >= 0) : FeelNull.Instance;

    /// <summary>Whether a range contains a value, three-valued (null when an endpoint is not comparable).</summary>
    public static FeelValue InRange(FeelValue value, FeelRange range, EvaluationContext context, int position)
    {
        if (range.Start is not null)
        {
            if (Compare(value, range.Start, context, position) is not { } c)
            {
                return FeelNull.Instance;
            }

            if (range.StartIncluded ? c < 0 : c <= 0)
            {
                return FeelBoolean.False;
            }
        }

        if (range.End is not null)
        {
            if (Compare(value, range.End, context, position) is not { } c)
            {
                return FeelNull.Instance;
            }

            if (range.EndIncluded ? c > 0 : c >= 0)
            {
                return FeelBoolean.False;
            }
        }

        return FeelBoolean.True;
    }

    /// <summary>
    /// The test "value matches expected" used by 'in' and by unary tests: a list expects membership,
    /// a range containment, anything else equality.
    /// </summary>
    public static FeelValue Matches(FeelValue value, FeelValue expected, EvaluationContext context, int position)
    {
        switch (expected)
        {
            case FeelRange range:
                return InRange(value, range, context, position);
            case FeelList list when value is not FeelList:
                var sawNull = false;
                foreach (var item in list.Items)
                {
                    var match = Matches(value, item, context, position);
                    if (match == FeelBoolean.True)
                    {
                        return FeelBoolean.True;
                    }

                    // An item of another type is simply not the value (true in [false, 2] is false, not null).
                    sawNull |= match is FeelNull && (item is FeelRange or FeelList || value.IsNull || item.IsNull || Comparable(value, item));
                }

                return sawNull ? FeelNull.Instance : FeelBoolean.False;
            case FeelList list when list.Items.Any(i => i is FeelList):
                // A list among lists: [1, 2] in [[1, 2], [3]] is membership (FEEL 1.5, 10.3.2.6).
                foreach (var item in list.Items)
                {
                    if (item is FeelList && Equal(value, item, context, position) == FeelBoolean.True)
                    {
                        return FeelBoolean.True;
                    }
                }

                return FeelBoolean.False;
            default:
                return Equal(value, expected, context, position);
        }
    }

    private static bool Comparable(FeelValue a, FeelValue b) => a.GetType() == b.GetType() || (IsDuration(a) && IsDuration(b));

    private static bool IsDuration(FeelValue value) => value is FeelDaysTimeDuration or FeelYearsMonthsDuration;
}
