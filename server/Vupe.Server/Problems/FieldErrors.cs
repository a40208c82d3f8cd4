namespace Vupe.Server.Problems;

/// <summary>Collects field-level validation errors (field → Spanish messages) for a 400 ValidationProblem.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>Forgets a field's errors, to replace a generic message with one that says why.</summary>
    public FieldErrors Remove(string field)
    {
        _errors.Remove(field);
        return this;
    }

    /// <summary>Checks a required text with a maximum length; returns the trimmed value.</summary>
    public string? Text(string field, string? value, int maxLength, bool required = true)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required) Add(field, "Este campo es obligatorio.");
            return null;
        }
        if (trimmed.Length > maxLength) Add(field, $"Máximo {maxLength} caracteres.");
        return trimmed;
    }

    /// <summary>Checks 1-based page and page size (default 25, at most <paramref name="maxPageSize"/>); returns them with defaults applied.</summary>
    public (int Page, int Size) Paging(int? page, int? pageSize, int maxPageSize)
    {
        var size = pageSize ?? 25;
        if (size < 1 || size > maxPageSize) Add("pageSize", $"Entre 1 y {maxPageSize}.");
        if (page is < 1) Add("page", "Las páginas empiezan en 1.");
        return (page ?? 1, size);
    }

    /// <summary>
    /// An optional enum from the query string, by name in any case (<c>view=office</c> or <c>view=Office</c>); an unknown
    /// name is a field error listing the accepted ones, not a bare 400 from binding. Numbers are not names.
    /// </summary>
    public TEnum? Choice<TEnum>(string field, string? value) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (!char.IsDigit(text[0]) && text[0] != '-' && Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) return parsed;
        Add(field, $"Valor no válido. Use uno de: {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}.");
        return null;
    }

    public IResult ToResult() => Results.ValidationProblem(
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        title: "Los datos enviados no son válidos.");

    /// <summary>Throws so that deep code can stop a request with field errors; the exception handler answers 400.</summary>
    public void ThrowIfAny()
    {
        if (Any) throw new FieldValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}

/// <param name="title">The answer's title when a generic one would hide what went wrong (a ficha that disagrees with RENIEC).</param>
public sealed class FieldValidationException(IDictionary<string, string[]> errors, string? title = null) : Exception("Validation failed")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public string? Title { get; } = title;
}

/// <summary>The user may not do this (their role or relation to the thing); the handler answers 403 with <see cref="Exception.Message"/> as title.</summary>
public sealed class AccessDeniedException(string title) : Exception(title);

/// <summary>The action does not fit the current state in a way the user can act on (the task is someone else's, the incident was resolved): 409 with <see cref="Exception.Message"/> as title.</summary>
public sealed class StateConflictException(string title) : Exception(title);

/// <summary>Task data a form refused: 400 with the messages per field and the form-js component ids, so the viewer shows each next to its field.</summary>
public sealed class FormRejectedException(Vupe.Forms.FormValidationResult validation) : Exception("The form has errors.")
{
    public Vupe.Forms.FormValidationResult Validation { get; } = validation;
}
