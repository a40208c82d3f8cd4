using Vupe.Feel;

namespace Vupe.Dmn;

/// <summary>
/// A resolved type: a FEEL built-in type ("number", "date and time", "Any") or an item definition (an alias of
/// another type, a structure of components, a collection, with optional allowed values).
/// </summary>
public sealed class DmnType
{
    private static readonly Dictionary<string, string> BuiltInNames = new(StringComparer.Ordinal)
    {
        ["Any"] = "Any",
        ["number"] = "number",
        ["string"] = "string",
        ["boolean"] = "boolean",
        ["date"] = "date",
        ["time"] = "time",
        ["date and time"] = "date and time",
        ["dateTime"] = "date and time",
        ["days and time duration"] = "days and time duration",
        ["dayTimeDuration"] = "days and time duration",
        ["duration"] = "days and time duration",
        ["years and months duration"] = "years and months duration",
        ["yearMonthDuration"] = "years and months duration",
        ["context"] = "context",
        ["list"] = "list",
        ["function"] = "function",
        ["range"] = "range",
    };

    private DmnType(string name)
    {
        Name = name;
    }

    /// <summary>The type's name as written in typeRef (an item definition name or a FEEL type name).</summary>
    public string Name { get; }

    /// <summary>The FEEL built-in type this type is, or null for an item definition.</summary>
    public string? BuiltIn { get; private set; }

    /// <summary>For an item definition with a typeRef: the type it refines.</summary>
    public DmnType? BaseType { get; internal set; }

    public bool IsCollection { get; internal set; }

    /// <summary>Components of a structured item definition, in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, DmnType>> Components { get; internal set; } = [];

    /// <summary>Allowed values (unary tests) of an item definition, or null.</summary>
    public FeelUnaryTests? AllowedValues { get; internal set; }

    public static DmnType Any { get; } = CreateBuiltIn("Any");

    internal static DmnType? TryBuiltIn(string name)
    {
        var local = name.StartsWith("feel:", StringComparison.Ordinal) ? name[5..] : name;
        return BuiltInNames.ContainsKey(local) ? CreateBuiltIn(local) : null;
    }

    internal static DmnType CreateItemDefinition(string name) => new(name);

    private static DmnType CreateBuiltIn(string name)
    {
        var builtIn = BuiltInNames[name];
        return new(name) { BuiltIn = builtIn, kind = KindOf(builtIn) };
    }

    // The built-in type as a switchable value, resolved once (Coerce runs for every input of every evaluation).
    private enum Kind
    {
        None,
        Any,
        Number,
        String,
        Boolean,
        Date,
        Time,
        DateTime,
        DaysTimeDuration,
        YearsMonthsDuration,
        Context,
        List,
        Function,
        Range,
    }

    private Kind kind;

    private static Kind KindOf(string builtIn) => builtIn switch
    {
        "Any" => Kind.Any,
        "number" => Kind.Number,
        "string" => Kind.String,
        "boolean" => Kind.Boolean,
        "date" => Kind.Date,
        "time" => Kind.Time,
        "date and time" => Kind.DateTime,
        "days and time duration" => Kind.DaysTimeDuration,
        "years and months duration" => Kind.YearsMonthsDuration,
        "context" => Kind.Context,
        "list" => Kind.List,
        "function" => Kind.Function,
        "range" => Kind.Range,
        _ => Kind.None,
    };

    public override string ToString() => Name;

    /// <summary>
    /// Applies the spec's conformance check with singleton-list coercions. Returns the (possibly coerced) value,
    /// or null with a reason when the value does not conform.
    /// </summary>
    public FeelValue? Coerce(FeelValue value, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(value);
        reason = null;
        if (value.IsNull)
        {
            return value;
        }

        if (IsCollection)
        {
            var items = value is FeelList list ? list.Items : [value];
            var coerced = new List<FeelValue>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var item = CoerceElement(items[i], out reason);
                if (item is null)
                {
                    reason = $"item {i + 1}: {reason}";
                    return null;
                }

                coerced.Add(item);
            }

            return value is FeelList && coerced.SequenceEqual(items, ReferenceEqualityComparer.Instance) ? value : new FeelList(coerced);
        }

        return CoerceElement(value, out reason);
    }

    private FeelValue? CoerceElement(FeelValue value, out string? reason)
    {
        reason = null;
        if (value.IsNull)
        {
            return value;
        }

        if (kind == Kind.Any)
        {
            return value;
        }

        if (value is FeelList { Count: 1 } singleton && kind != Kind.List)
        {
            // A singleton list conforms to its element's type (DMN 1.3, 10.3.2.9.4).
            value = singleton.Items[0];
        }

        FeelValue? result;
        if (Components.Count > 0)
        {
            if (value is not FeelContext context)
            {
                reason = $"expected a structure of type '{Name}' but got a {value.TypeName}";
                return null;
            }

            var entries = new List<KeyValuePair<string, FeelValue>>(context.Count);
            var changed = false;
            foreach (var entry in context.Entries)
            {
                var component = Components.FirstOrDefault(c => c.Key == entry.Key);
                if (component.Value is null)
                {
                    entries.Add(entry);
                    continue;
                }

                var coerced = component.Value.Coerce(entry.Value, out reason);
                if (coerced is null)
                {
                    reason = $"component '{entry.Key}': {reason}";
                    return null;
                }

                changed |= !ReferenceEquals(coerced, entry.Value);
                entries.Add(new KeyValuePair<string, FeelValue>(entry.Key, coerced));
            }

            result = changed ? new FeelContext(entries) : value;
        }
        else if (BaseType is not null)
        {
            result = BaseType.Coerce(value, out reason);
            if (result is null)
            {
                return null;
            }
        }
        else if (BuiltIn is not null)
        {
            if (!HasBuiltInType(value, kind))
            {
                reason = $"expected {BuiltIn} but got {value.TypeName} {value}";
                return null;
            }

            result = value;
        }
        else
        {
            result = value;
        }

        if (AllowedValues is not null && !AllowedValues.Matches(result, FeelScope.Empty))
        {
            reason = $"{result} is not among the allowed values of '{Name}' ({AllowedValues.Source})";
            return null;
        }

        return result;
    }

    private static bool HasBuiltInType(FeelValue value, Kind kind) => kind switch
    {
        Kind.Number => value is FeelNumber,
        Kind.String => value is FeelString,
        Kind.Boolean => value is FeelBoolean,
        Kind.Date => value is FeelDate,
        Kind.Time => value is FeelTime,
        Kind.DateTime => value is FeelDateTime,
        Kind.DaysTimeDuration => value is FeelDaysTimeDuration,
        Kind.YearsMonthsDuration => value is FeelYearsMonthsDuration,
        Kind.Context => value is FeelContext,
        Kind.List => value is FeelList,
        Kind.Function => value is FeelFunction,
        Kind.Range => value is FeelRange,
        _ => true,
    };
}
