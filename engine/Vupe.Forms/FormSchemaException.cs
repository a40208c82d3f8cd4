namespace Vupe.Forms;

/// <summary>
/// A form schema cannot be used: malformed JSON, or components that lack what they need (an input without key, two
/// fields on one key, a broken regular expression, unparsable FEEL). Deployment rejects the form whole, so the
/// exception carries every problem found, each naming the component.
/// </summary>
public sealed class FormSchemaException : Exception
{
    /// <summary>Creates an exception without problems (for serialisers and tests).</summary>
    public FormSchemaException()
        : this("The form schema is invalid.")
    {
    }

    /// <summary>Creates an exception with one problem that names no component.</summary>
    public FormSchemaException(string message)
        : base(message)
    {
        Problems = [new FormSchemaProblem(null, null, null, message)];
    }

    /// <summary>Creates an exception with one problem that names no component, wrapping its cause.</summary>
    public FormSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new FormSchemaProblem(null, null, null, message)];
    }

    internal FormSchemaException(IReadOnlyList<FormSchemaProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in schema order.</summary>
    public IReadOnlyList<FormSchemaProblem> Problems { get; }

    private static string Describe(IReadOnlyList<FormSchemaProblem> problems) =>
        problems.Count == 1
            ? $"Invalid form schema: {problems[0]}"
            : $"Invalid form schema ({problems.Count} problems):{Environment.NewLine}"
              + string.Join(Environment.NewLine, problems.Select(p => "- " + p));
}

/// <summary>One thing wrong in a form schema.</summary>
public sealed class FormSchemaProblem
{
    internal FormSchemaProblem(string? location, string? componentId, string? key, string message)
    {
        Location = location;
        ComponentId = componentId;
        Key = key;
        Message = message;
    }

    /// <summary>Where in the schema: "components[3].components[1]"; null for problems of the whole document.</summary>
    public string? Location { get; }

    /// <summary>The id of the component at fault, when it has one.</summary>
    public string? ComponentId { get; }

    /// <summary>The key (or container path) of the component at fault, when it has one.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, for the designer's deploy report and the logs: English, or Spanish when the UI culture is Spanish.</summary>
    public string Message { get; }

    /// <summary>"component 'edad' (Field_1) at components[2]: validate.min must be a number".</summary>
    public override string ToString()
    {
        if (Location is null)
        {
            return Message;
        }

        var name = (Key, ComponentId) switch
        {
            ({ } key, { } id) => $"component '{key}' ({id}) at {Location}",
            ({ } key, null) => $"component '{key}' at {Location}",
            (null, { } id) => $"component '{id}' at {Location}",
            _ => $"component at {Location}",
        };
        return $"{name}: {Message}";
    }
}
