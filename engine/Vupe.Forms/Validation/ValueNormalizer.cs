using System.Globalization;

namespace Vupe.Forms.Validation;

/// <summary>
/// Brings one submitted value to the form a field keeps (its type, its option, its format) or says why it cannot.
/// Rules that depend on the value's size (required, min, lengths, patterns) come after, in <see cref="FormValidator"/>.
/// The parser uses the same code for defaultValue, so a default that the field would reject is a schema problem.
/// </summary>
internal static class ValueNormalizer
{
    /// <summary>The value a keyed field starts with when the data lacks it and the schema gives no default (form-js's emptyValue).</summary>
    public static object? EmptyValue(FormComponent field) => field.Kind switch
    {
        ComponentKind.Text => string.Empty,
        ComponentKind.Checkbox => false,
        ComponentKind.MultiChoice => new List<object?>(),
        _ => null,
    };

    public static Normalized Normalize(FormComponent field, object? raw) => field.Kind switch
    {
        ComponentKind.Text => raw is null or string ? Normalized.Ok(raw) : Normalized.Type(Messages.NotText),
        ComponentKind.Number => Number(field, raw),
        ComponentKind.Checkbox => Checkbox(raw),
        ComponentKind.SingleChoice => SingleChoice(field, raw),
        ComponentKind.MultiChoice => MultiChoice(field, raw),
        ComponentKind.DateTime => DateTime(field, raw),
        ComponentKind.FilePicker => raw switch
        {
            null or "" => Normalized.Ok(null),
            string s => Normalized.Ok(s),
            _ => Normalized.Type(Messages.NotFileReference),
        },
        _ => Normalized.Ok(raw),
    };

    /// <summary>JSON numbers, and numeric strings from API clients (and from form-js number fields with serializeToString).</summary>
    private static Normalized Number(FormComponent field, object? raw)
    {
        decimal number;
        switch (raw)
        {
            case null or "":
                return Normalized.Ok(null);
            case decimal d:
                number = d;
                break;
            case string s when TextFormats.TryParseNumber(s, out var parsed):
                number = parsed;
                break;
            default:
                return Normalized.Type(Messages.NotNumber);
        }

        return Normalized.Ok(field.SerializeToString ? number.ToString(CultureInfo.InvariantCulture) : number);
    }

    private static Normalized Checkbox(object? raw) => raw switch
    {
        null => Normalized.Ok(false),
        bool b => Normalized.Ok(b),
        "true" => Normalized.Ok(true),
        "false" => Normalized.Ok(false),
        _ => Normalized.Type(Messages.NotBoolean),
    };

    private static Normalized SingleChoice(FormComponent field, object? raw)
    {
        if (raw is null or "")
        {
            return Normalized.Ok(null);
        }

        if (!IsScalar(raw))
        {
            return Normalized.Type(Messages.NotChoice);
        }

        if (field.Options is not { } options)
        {
            return Normalized.Ok(raw);
        }

        return FindOption(options, raw) is { } option ? Normalized.Ok(option.Value) : Normalized.Invalid(FormErrorCodes.Option, Messages.Option);
    }

    private static Normalized MultiChoice(FormComponent field, object? raw)
    {
        if (raw is null)
        {
            return Normalized.Ok(new List<object?>());
        }

        if (raw is not List<object?> items || !items.TrueForAll(IsScalar))
        {
            return Normalized.Type(Messages.NotList);
        }

        if (field.Options is not { } options)
        {
            return Normalized.Ok(new List<object?>(items));
        }

        var result = new List<object?>(items.Count);
        foreach (var item in items)
        {
            if (FindOption(options, item!) is not { } option)
            {
                return Normalized.Invalid(FormErrorCodes.Option, Messages.Options);
            }

            result.Add(option.Value);
        }

        return Normalized.Ok(result);
    }

    private static Normalized DateTime(FormComponent field, object? raw)
    {
        if (raw is null or "")
        {
            return Normalized.Ok(null);
        }

        if (raw is not string text)
        {
            return Normalized.Type(field.Subtype switch
            {
                DateTimeSubtype.Time => Messages.Time,
                DateTimeSubtype.DateTime => Messages.DateTime,
                _ => Messages.Date,
            });
        }

        return field.Subtype switch
        {
            DateTimeSubtype.Date => TextFormats.IsDate(text) ? Normalized.Ok(text) : Normalized.Invalid(FormErrorCodes.Format, Messages.Date),
            DateTimeSubtype.Time => TextFormats.IsTime(text) ? Normalized.Ok(text) : Normalized.Invalid(FormErrorCodes.Format, Messages.Time),
            _ => TextFormats.IsDateTime(text) ? Normalized.Ok(text) : Normalized.Invalid(FormErrorCodes.Format, Messages.DateTime),
        };
    }

    private static bool IsScalar(object? value) => value is string or decimal or bool;

    /// <summary>
    /// The option equal to a submitted value: strings compare ordinally, numbers by value (2 = 2.0); a numeric string
    /// matches a number option and a number matches a numeric string option, as with number fields.
    /// </summary>
    private static FormOption? FindOption(IReadOnlyList<FormOption> options, object value)
    {
        foreach (var option in options)
        {
            if (Matches(option.Value, value))
            {
                return option;
            }
        }

        return null;
    }

    private static bool Matches(object option, object value) => (option, value) switch
    {
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (decimal a, decimal b) => a == b,
        (bool a, bool b) => a == b,
        (decimal a, string b) => TextFormats.TryParseNumber(b, out var n) && n == a,
        (string a, decimal b) => TextFormats.TryParseNumber(a, out var n) && n == b,
        _ => false,
    };
}

/// <summary>A normalised value, or the error that prevented it.</summary>
internal readonly struct Normalized
{
    private Normalized(object? value, string? code, string? message)
    {
        Value = value;
        Code = code;
        Message = message;
    }

    public object? Value { get; }

    public string? Code { get; }

    public string? Message { get; }

    public bool IsOk => Code is null;

    public static Normalized Ok(object? value) => new(value, null, null);

    public static Normalized Type(string message) => new(null, FormErrorCodes.Type, message);

    public static Normalized Invalid(string code, string message) => new(null, code, message);
}
