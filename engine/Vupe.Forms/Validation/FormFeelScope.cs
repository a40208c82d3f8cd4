using System.Globalization;
using Vupe.Feel;

namespace Vupe.Forms.Validation;

/// <summary>
/// What a FEEL expression in a form sees, built the way the form-js viewer builds it: every top-level data value by
/// name (the submitted data over the variables the form was opened with), plus <c>this</c> (the current dynamic list
/// item, or the whole data at top level), <c>parent</c> (the enclosing item) and <c>i</c> (the 1-based item indexes).
/// As in form-js, a data value named "this", "parent" or "i" wins over them, and <c>_this_</c>, <c>_parent_</c>,
/// <c>_i_</c> always reach them.
/// </summary>
internal sealed class FormFeelScope(
    Dictionary<string, object?> data,
    IReadOnlyDictionary<string, object?>? variables,
    object? thisValue,
    object? parentValue,
    IReadOnlyList<int> indexes,
    TimeProvider timeProvider) : IFeelScope, IFeelClockSource
{
    public TimeProvider TimeProvider => timeProvider;

    public bool TryGetVariable(string name, out FeelValue value)
    {
        switch (name)
        {
            case "_this_":
                value = ToFeel(thisValue);
                return true;
            case "_parent_":
                value = ToFeel(parentValue);
                return true;
            case "_i_":
                value = Indexes();
                return true;
        }

        if (data.TryGetValue(name, out var submitted))
        {
            value = ToFeel(submitted);
            return true;
        }

        if (variables is not null && variables.TryGetValue(name, out var variable))
        {
            value = FromVariable(variable);
            return true;
        }

        switch (name)
        {
            case "this":
                value = ToFeel(thisValue);
                return true;
            case "parent":
                value = ToFeel(parentValue);
                return true;
            case "i":
                value = Indexes();
                return true;
            default:
                value = FeelNull.Instance;
                return false;
        }
    }

    // Variables keep their FEEL types (a DateOnly stays a FEEL date); a value FEEL cannot hold reads as null.
    private static FeelValue FromVariable(object? variable)
    {
        try
        {
            return FeelValue.FromObject(variable);
        }
        catch (ArgumentException)
        {
            return FeelNull.Instance;
        }
    }

    private FeelList Indexes() => new(indexes.Select(i => (FeelValue)FeelNumber.Of(i + 1)));

    public static FeelValue ToFeel(object? value) => value switch
    {
        null => FeelNull.Instance,
        string s => new FeelString(s),
        decimal d => FeelNumber.Of(d),
        bool b => FeelBoolean.Of(b),
        Dictionary<string, object?> obj => new FeelContext(obj.Select(p => new KeyValuePair<string, FeelValue>(p.Key, ToFeel(p.Value)))),
        List<object?> list => new FeelList(list.Select(ToFeel)),
        _ => FeelNull.Instance,
    };

    /// <summary>
    /// A FEEL result (an expression field) as plain data: numbers, strings, booleans, lists and objects as in the
    /// rest of the data; dates, times and durations as their ISO 8601 text, as form-js would store them.
    /// </summary>
    public static object? FromFeel(FeelValue value) => value switch
    {
        FeelNull => null,
        FeelNumber n => n.Value,
        FeelString s => s.Value,
        FeelBoolean b => b.Value,
        FeelList l => l.Items.Select(FromFeel).ToList(),
        FeelContext c => c.Entries.ToDictionary(e => e.Key, e => FromFeel(e.Value), StringComparer.Ordinal),
        FeelDate d => d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Unquote(value.ToString()),
    };

    // Temporal literals print as @"2025-03-31T10:00:00"; the data keeps the text inside.
    private static string Unquote(string literal) =>
        literal.StartsWith("@\"", StringComparison.Ordinal) && literal.EndsWith('"') ? literal[2..^1] : literal;
}
