namespace Vupe.Forms;

/// <summary>The outcome of validating submitted data against a form: field errors and the normalised data.</summary>
public sealed class FormValidationResult
{
    internal FormValidationResult(IReadOnlyList<FormFieldError> errors, IReadOnlyDictionary<string, object?> data)
    {
        Errors = errors;
        Data = data;
    }

    /// <summary>True when there is no error: <see cref="Data"/> may then be written to the process.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Field errors in schema order (for each field: required or type first, then the rules).</summary>
    public IReadOnlyList<FormFieldError> Errors { get; }

    /// <summary>
    /// The normalised data: only the keys the form defines for visible, enabled, editable fields, nested along keys and
    /// paths; values are <see cref="string"/>, <see cref="decimal"/>, <see cref="bool"/>, null, lists
    /// (<see cref="List{T}"/> of object?) and objects (<see cref="Dictionary{TKey,TValue}"/> of string to object?).
    /// Dates and times stay ISO 8601 strings exactly as form-js writes them. A field with an error is left out, so
    /// use the data only when <see cref="IsValid"/>.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Data { get; }
}

/// <summary>An error on one field of the submitted data.</summary>
public sealed class FormFieldError
{
    internal FormFieldError(string path, string code, string message, string? componentId, IReadOnlyList<int> indexes)
    {
        Path = path;
        Code = code;
        Message = message;
        ComponentId = componentId;
        Indexes = indexes;
    }

    /// <summary>Where the value is in the data: "edad", "datos.dni", "experiencia[2].empresa" (0-based indexes).</summary>
    public string Path { get; }

    /// <summary>Which rule failed: one of <see cref="FormErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The message for the user, in Spanish (es-PE): "Este campo es obligatorio."</summary>
    public string Message { get; }

    /// <summary>The form-js id of the field, so a viewer can show the message next to it; null if the schema has no id.</summary>
    public string? ComponentId { get; }

    /// <summary>The 0-based item indexes of the enclosing dynamic lists, outermost first (form-js keys errors by id plus these).</summary>
    public IReadOnlyList<int> Indexes { get; }

    /// <summary>"experiencia[2].empresa: required (Este campo es obligatorio.)".</summary>
    public override string ToString() => $"{Path}: {Code} ({Message})";
}

/// <summary>The codes of <see cref="FormFieldError.Code"/>; stable, for clients and tests.</summary>
public static class FormErrorCodes
{
    /// <summary>No value (null, empty or blank text, unchecked checkbox, empty list) where one is required.</summary>
    public const string Required = "required";

    /// <summary>A value of the wrong JSON type: text in a number field, a number in a text field, an object where a list goes.</summary>
    public const string Type = "type";

    /// <summary>A number below validate.min.</summary>
    public const string Min = "min";

    /// <summary>A number above validate.max.</summary>
    public const string Max = "max";

    /// <summary>Text shorter than validate.minLength (measured without surrounding blanks, as form-js does).</summary>
    public const string MinLength = "minLength";

    /// <summary>Text longer than validate.maxLength (measured without surrounding blanks, as form-js does).</summary>
    public const string MaxLength = "maxLength";

    /// <summary>Text that does not match validate.pattern.</summary>
    public const string Pattern = "pattern";

    /// <summary>Text that is not an e-mail address (validationType "email").</summary>
    public const string Email = "email";

    /// <summary>Text that is not an international phone number (validationType "phone").</summary>
    public const string Phone = "phone";

    /// <summary>A value that is not one of the field's options.</summary>
    public const string Option = "option";

    /// <summary>A number with more decimals than decimalDigits allows.</summary>
    public const string DecimalDigits = "decimalDigits";

    /// <summary>A number that is not a multiple of the field's increment.</summary>
    public const string Increment = "increment";

    /// <summary>A date, time or date-time that is not valid ISO 8601 of the field's subtype.</summary>
    public const string Format = "format";

    /// <summary>A date before today where the field disallows passed dates.</summary>
    public const string PastDate = "pastDate";
}
