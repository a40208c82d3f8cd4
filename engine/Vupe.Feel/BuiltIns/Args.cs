using Vupe.Feel.Evaluation;

namespace Vupe.Feel.BuiltIns;

/// <summary>
/// Argument checks for built-ins. Each returns false after reporting "name: 'param' must be a ... but was ...",
/// so a body can simply return null.
/// </summary>
internal static class Args
{
    public static bool String(FeelValue value, string parameter, EvaluationContext context, out string result)
    {
        result = (value as FeelString)?.Value!;
        return result is not null || Fail(value, parameter, "a string", context);
    }

    public static bool Number(FeelValue value, string parameter, EvaluationContext context, out decimal result)
    {
        result = value is FeelNumber n ? n.Value : 0;
        return value is FeelNumber || Fail(value, parameter, "a number", context);
    }

    public static bool Integer(FeelValue value, string parameter, EvaluationContext context, out int result)
    {
        result = 0;
        if (value is FeelNumber n && decimal.IsInteger(n.Value) && n.Value >= int.MinValue && n.Value <= int.MaxValue)
        {
            result = (int)n.Value;
            return true;
        }

        return Fail(value, parameter, "an integer", context);
    }

    /// <summary>A list argument; a single non-list value counts as a one-item list, as the spec's conversions say.</summary>
    public static bool List(FeelValue value, string parameter, EvaluationContext context, out IReadOnlyList<FeelValue> result)
    {
        switch (value)
        {
            case FeelList list:
                result = list.Items;
                return true;
            case FeelNull:
                result = [];
                return Fail(value, parameter, "a list", context);
            default:
                result = [value];
                return true;
        }
    }

    public static bool Context(FeelValue value, string parameter, EvaluationContext context, out FeelContext result)
    {
        result = (value as FeelContext)!;
        return result is not null || Fail(value, parameter, "a context", context);
    }

    public static bool Function(FeelValue value, string parameter, EvaluationContext context, out FeelFunction result)
    {
        result = (value as FeelFunction)!;
        return result is not null || Fail(value, parameter, "a function", context);
    }

    /// <summary>For functions taking either one list or several values: min([1, 2]) and min(1, 2).</summary>
    public static IReadOnlyList<FeelValue> ListOrValues(FeelValue[] arguments) =>
        arguments.Length == 1 && arguments[0] is FeelList list ? list.Items : arguments;

    public static bool Fail(FeelValue value, string parameter, string expected, EvaluationContext context)
    {
        context.ArgumentError($"'{parameter}' must be {expected} but was {Describe(value)}");
        return false;
    }

    private static string Describe(FeelValue value)
    {
        if (value is FeelNull)
        {
            return "null";
        }

        var literal = ValueFormatter.ToLiteral(value);
        return $"{value.TypeName} {(literal.Length > 60 ? literal[..57] + "..." : literal)}";
    }
}
