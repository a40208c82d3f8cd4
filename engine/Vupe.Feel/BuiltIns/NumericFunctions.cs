using Vupe.Feel.Evaluation;

namespace Vupe.Feel.BuiltIns;

internal static class NumericFunctions
{
    public static void Register(BuiltInRegistry registry)
    {
        registry.Add("decimal", ["n", "scale"], static (a, c) => Round(a[0], a[1], MidpointRounding.ToEven, c));
        registry.Add("floor", ["n"], static (a, c) => Round(a[0], FeelNumber.Zero, MidpointRounding.ToNegativeInfinity, c));
        registry.Add("floor", ["n", "scale"], static (a, c) => Round(a[0], a[1], MidpointRounding.ToNegativeInfinity, c));
        registry.Add("ceiling", ["n"], static (a, c) => Round(a[0], FeelNumber.Zero, MidpointRounding.ToPositiveInfinity, c));
        registry.Add("ceiling", ["n", "scale"], static (a, c) => Round(a[0], a[1], MidpointRounding.ToPositiveInfinity, c));
        registry.Add("round up", ["n", "scale"], static (a, c) =>
            Round(a[0], a[1], a[0] is FeelNumber { Value: < 0 } ? MidpointRounding.ToNegativeInfinity : MidpointRounding.ToPositiveInfinity, c));
        registry.Add("round down", ["n", "scale"], static (a, c) => Round(a[0], a[1], MidpointRounding.ToZero, c));
        registry.Add("round half up", ["n", "scale"], static (a, c) => Round(a[0], a[1], MidpointRounding.AwayFromZero, c));
        registry.Add("round half even", ["n", "scale"], static (a, c) => Round(a[0], a[1], MidpointRounding.ToEven, c));
        registry.Add("round half down", ["n", "scale"], static (a, c) => Round(a[0], a[1], HalfDown, c));
        registry.Add("abs", ["n"], static (a, c) => a[0] switch
        {
            FeelNumber n => new FeelNumber(Math.Abs(n.Value)),
            FeelDaysTimeDuration d => new FeelDaysTimeDuration(d.Value.Duration()),
            FeelYearsMonthsDuration d => new FeelYearsMonthsDuration(Math.Abs(d.TotalMonths)),
            var other => Fail(other, "n", "a number", c),
        });
        registry.Add("modulo", ["dividend", "divisor"], static (a, c) =>
        {
            if (!Args.Number(a[0], "dividend", c, out var dividend) || !Args.Number(a[1], "divisor", c, out var divisor))
            {
                return FeelNull.Instance;
            }

            if (divisor == 0)
            {
                return c.ArgumentError("division by zero");
            }

            // The result takes the divisor's sign: modulo(-12, 5) = 3, modulo(12, -5) = -3.
            var remainder = dividend % divisor;
            return new FeelNumber(remainder != 0 && (remainder < 0) != (divisor < 0) ? remainder + divisor : remainder);
        });
        registry.Add("sqrt", ["number"], static (a, c) =>
        {
            if (!Args.Number(a[0], "number", c, out var n))
            {
                return FeelNull.Instance;
            }

            return n < 0 ? c.ArgumentError("cannot take the square root of a negative number") : new FeelNumber(Sqrt(n));
        });
        registry.Add("log", ["number"], static (a, c) =>
        {
            if (!Args.Number(a[0], "number", c, out var n))
            {
                return FeelNull.Instance;
            }

            return n <= 0 ? c.ArgumentError("the logarithm is only defined for positive numbers") : FromDouble(Math.Log((double)n), c);
        });
        registry.Add("exp", ["number"], static (a, c) =>
            Args.Number(a[0], "number", c, out var n) ? FromDouble(Math.Exp((double)n), c) : FeelNull.Instance);
        registry.Add("odd", ["number"], static (a, c) => Parity(a[0], 1, c));
        registry.Add("even", ["number"], static (a, c) => Parity(a[0], 0, c));
    }

    /// <summary>Square root in decimal precision: a double estimate refined by Newton's method.</summary>
    public static decimal Sqrt(decimal n)
    {
        if (n == 0)
        {
            return 0;
        }

        var x = (decimal)Math.Sqrt((double)n);
        for (var i = 0; i < 4; i++)
        {
            x = (x + (n / x)) / 2;
        }

        return x;
    }

    // MidpointRounding has no "half toward zero": this value stands for it inside Round.
    private const MidpointRounding HalfDown = (MidpointRounding)(-1);

    private static decimal Rounded(decimal n, int decimals, MidpointRounding mode)
    {
        if (mode != HalfDown)
        {
            return Math.Round(n, decimals, mode);
        }

        var towardZero = Math.Round(n, decimals, MidpointRounding.ToZero);
        var awayFromZero = Math.Round(n, decimals, MidpointRounding.AwayFromZero);
        return n - towardZero == awayFromZero - n ? towardZero : Math.Round(n, decimals, MidpointRounding.ToEven);
    }

    private static FeelValue Round(FeelValue number, FeelValue scale, MidpointRounding mode, EvaluationContext c)
    {
        if (!Args.Number(number, "n", c, out var n) || !Args.Integer(scale, "scale", c, out var s))
        {
            return FeelNull.Instance;
        }

        if (s is < -6111 or > 6176)
        {
            return c.ArgumentError($"scale {s} is outside -6111..6176");
        }

        if (s > 28)
        {
            return new FeelNumber(n);
        }

        if (s >= 0)
        {
            return new FeelNumber(Rounded(n, s, mode));
        }

        if (s < -28)
        {
            return FeelNumber.Zero;
        }

        var factor = 1m;
        for (var i = 0; i < -s; i++)
        {
            factor *= 10;
        }

        return new FeelNumber(Rounded(n / factor, 0, mode) * factor);
    }

    private static FeelValue Parity(FeelValue value, int remainder, EvaluationContext c)
    {
        if (!Args.Number(value, "number", c, out var n))
        {
            return FeelNull.Instance;
        }

        return decimal.IsInteger(n) ? FeelBoolean.Of(Math.Abs(n % 2) == remainder) : c.ArgumentError("'number' must be an integer");
    }

    private static FeelValue FromDouble(double value, EvaluationContext c) =>
        double.IsFinite(value) && Math.Abs(value) < (double)decimal.MaxValue
            ? new FeelNumber((decimal)value)
            : c.ArgumentError("the result is out of range");

    private static FeelNull Fail(FeelValue value, string parameter, string expected, EvaluationContext c)
    {
        Args.Fail(value, parameter, expected, c);
        return FeelNull.Instance;
    }
}
